import type { VenueClock } from "../engine/clock.js";
import { Prng } from "../util/prng.js";
import type { FaultConfig } from "./fault-config.js";

export type ProbabilisticFault =
  | "dropResponseAfterExecute"
  | "http429"
  | "http418"
  | "http5xx"
  | "lookupFailure"
  | "dropExecutionReports";

/**
 * Holds the active fault configuration and makes every fault decision from seeded PRNGs.
 * Each fault class draws from its own stream, so e.g. enabling 429s does not change which
 * execution reports get dropped.
 */
export class FaultInjector {
  private config: FaultConfig = {};
  private rngs = new Map<string, Prng>();
  private seed: number;
  bannedUntil = 0;
  private readonly changeListeners: Array<(config: FaultConfig) => void> = [];

  constructor(
    private readonly defaultSeed: number,
    private readonly clock: VenueClock,
  ) {
    this.seed = defaultSeed;
  }

  get current(): Readonly<FaultConfig> {
    return this.config;
  }

  onChange(listener: (config: FaultConfig) => void): void {
    this.changeListeners.push(listener);
  }

  set(config: FaultConfig): void {
    this.config = { ...config };
    this.seed = config.seed ?? this.defaultSeed;
    this.rngs.clear();
    this.bannedUntil = 0;
    this.clock.skewMs = config.clockSkewMs ?? 0;
    for (const l of this.changeListeners) l(this.config);
  }

  clear(): void {
    this.set({});
  }

  private rng(kind: string): Prng {
    let rng = this.rngs.get(kind);
    if (!rng) {
      rng = Prng.derive(this.seed, kind);
      this.rngs.set(kind, rng);
    }
    return rng;
  }

  roll(kind: ProbabilisticFault): boolean {
    const p = this.config[kind];
    if (p === undefined || p <= 0) return false;
    return this.rng(kind).chance(p);
  }

  /** Does a request fault apply to this endpoint? */
  targets(method: string, name: string, signed: boolean): boolean {
    const list = this.config.endpoints;
    if (!list) return signed;
    return list.includes(name) || list.includes(`${method} ${name}`);
  }

  latencyMs(): number {
    const base = this.config.latencyMs ?? 0;
    const jitter = this.config.jitterMs ?? 0;
    if (base === 0 && jitter === 0) return 0;
    const offset = jitter > 0 ? (this.rng("latency").next() * 2 - 1) * jitter : 0;
    return Math.max(0, Math.round(base + offset));
  }
}
