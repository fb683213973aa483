/** One implementation's figures within a benchmark. Higher `opsPerSecond` is better. */
export interface BenchMeasurement {
  readonly name: string;
  readonly opsPerSecond: number;
  /** Median wall time of one measured pass. */
  readonly medianMs: number;
  /** Further columns, already formatted (e.g. heap figures). */
  readonly extra?: Readonly<Record<string, string>>;
}

/** Pass when `subject` reaches `minRatio` times the baseline's throughput. */
export interface BenchTarget {
  readonly subject: string;
  readonly minRatio: number;
}

export interface BenchResult {
  readonly title: string;
  /** What one "op" is, e.g. "diffs". */
  readonly unit: string;
  /** Name of the measurement every ratio is taken against. */
  readonly baseline: string;
  readonly measurements: readonly BenchMeasurement[];
  readonly target?: BenchTarget;
  /** Targets that are not a throughput ratio (absolute times, bounds), already decided. */
  readonly checks?: readonly BenchCheck[];
  readonly notes?: readonly string[];
}

export interface BenchCheck {
  /** The target and the measured figure, e.g. "local processing < 10 s (7.2 s)". */
  readonly name: string;
  readonly passed: boolean;
}

/** Contract of every `bench/*.bench.ts` module. */
export interface BenchModule {
  run(): Promise<BenchResult>;
}

export function targetPassed(result: BenchResult): boolean | undefined {
  const checks = result.checks ?? [];
  if (checks.some((check) => !check.passed)) return false;
  const target = result.target;
  if (target === undefined) return checks.length > 0 ? true : undefined;
  const baseline = result.measurements.find((m) => m.name === result.baseline);
  const subject = result.measurements.find((m) => m.name === target.subject);
  if (baseline === undefined || subject === undefined) return false;
  return subject.opsPerSecond >= target.minRatio * baseline.opsPerSecond;
}
