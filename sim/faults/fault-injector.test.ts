import { describe, expect, it } from "vitest";
import { VenueClock } from "../engine/clock.js";
import { faultConfigSchema } from "./fault-config.js";
import { FaultInjector } from "./fault-injector.js";

function decisions(seed: number, config: Record<string, unknown>, n = 200): string {
  const faults = new FaultInjector(seed, new VenueClock());
  faults.set(faultConfigSchema.parse(config));
  let out = "";
  for (let i = 0; i < n; i++) {
    out += faults.roll("http429") ? "R" : ".";
    out += faults.roll("dropExecutionReports") ? "D" : ".";
    out += String(faults.latencyMs());
  }
  return out;
}

describe("FaultInjector", () => {
  it("makes the same decisions for the same seed", () => {
    const config = { http429: 0.3, dropExecutionReports: 0.5, latencyMs: 100, jitterMs: 50, seed: 7 };
    expect(decisions(1, config)).toBe(decisions(2, config));
    expect(decisions(1, config)).not.toBe(decisions(1, { ...config, seed: 8 }));
  });

  it("falls back to the sim seed and restarts the sequence when faults are set again", () => {
    const clock = new VenueClock();
    const faults = new FaultInjector(5, clock);
    faults.set({ http5xx: 0.5 });
    const first = Array.from({ length: 50 }, () => faults.roll("http5xx"));
    faults.set({ http5xx: 0.5 });
    const second = Array.from({ length: 50 }, () => faults.roll("http5xx"));
    expect(second).toEqual(first);
  });

  it("keeps fault classes independent of each other", () => {
    const only = new FaultInjector(1, new VenueClock());
    only.set({ http429: 0.5, seed: 3 });
    const both = new FaultInjector(1, new VenueClock());
    both.set({ http429: 0.5, dropExecutionReports: 0.5, seed: 3 });
    for (let i = 0; i < 100; i++) {
      both.roll("dropExecutionReports");
      expect(both.roll("http429")).toBe(only.roll("http429"));
    }
  });

  it("targets signed endpoints by default, or the named ones", () => {
    const faults = new FaultInjector(1, new VenueClock());
    expect(faults.targets("GET", "depth", false)).toBe(false);
    expect(faults.targets("POST", "order", true)).toBe(true);
    faults.set({ endpoints: ["depth", "DELETE order"] });
    expect(faults.targets("GET", "depth", false)).toBe(true);
    expect(faults.targets("POST", "order", true)).toBe(false);
    expect(faults.targets("DELETE", "order", true)).toBe(true);
  });

  it("applies clock skew to the venue clock", () => {
    const clock = new VenueClock();
    const faults = new FaultInjector(1, clock);
    faults.set({ clockSkewMs: -5000 });
    expect(Date.now() - clock.now()).toBeGreaterThanOrEqual(4999);
    faults.clear();
    expect(clock.skewMs).toBe(0);
  });

  it("rejects malformed configs", () => {
    expect(faultConfigSchema.safeParse({ http429: 2 }).success).toBe(false);
    expect(faultConfigSchema.safeParse({ unknownFault: 1 }).success).toBe(false);
    expect(faultConfigSchema.safeParse({ endpoints: "order" }).success).toBe(false);
  });
});
