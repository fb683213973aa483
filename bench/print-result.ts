import { type BenchResult, targetPassed } from "./bench-result";

const ratioPassed = (result: BenchResult) =>
  result.target === undefined ? undefined : targetPassed({ ...result, checks: [] });

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Prints a benchmark as a table, with each throughput's ratio to the named baseline. */
export function printResult(result: BenchResult): void {
  const baseline = result.measurements.find((m) => m.name === result.baseline);
  const extraColumns = [...new Set(result.measurements.flatMap((m) => Object.keys(m.extra ?? {})))];
  const header = [
    "implementation",
    `${result.unit}/s`,
    "median ms",
    `vs ${result.baseline}`,
    ...extraColumns,
  ];
  const rows = result.measurements.map((m) => [
    m.name,
    integer.format(m.opsPerSecond),
    m.medianMs.toFixed(1),
    baseline === undefined ? "n/a" : `${(m.opsPerSecond / baseline.opsPerSecond).toFixed(2)}x`,
    ...extraColumns.map((column) => m.extra?.[column] ?? ""),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`;

  console.log(`\n## ${result.title}\n`);
  console.log(line(header));
  console.log(
    `|${widths.map((width, i) => (i === 0 ? `:${"-".repeat(width + 1)}` : `${"-".repeat(width + 1)}:`)).join("|")}|`,
  );
  for (const row of rows) console.log(line(row));
  for (const check of result.checks ?? []) {
    console.log(
      `${result.checks?.[0] === check ? "\n" : ""}target: ${check.name} -> ${check.passed ? "PASS" : "FAIL"}`,
    );
  }
  const passed = ratioPassed(result);
  if (passed !== undefined && result.target !== undefined) {
    const verdict = passed ? "PASS" : "FAIL";
    console.log(
      `\ntarget: ${result.target.subject} >= ${result.target.minRatio}x ${result.baseline} -> ${verdict}`,
    );
  }
  for (const note of result.notes ?? []) console.log(`- ${note}`);
}
