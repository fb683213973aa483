import { describe, expect, it } from "vitest";
import { ConcurrencyLimiter } from "./concurrency-limiter";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("ConcurrencyLimiter", () => {
  it("never runs more than the limit at once", async () => {
    const limiter = new ConcurrencyLimiter({ limit: 2 });
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 6 }, deferred);
    const tasks = gates.map((gate) =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await gate.promise;
        running -= 1;
      }),
    );
    await Promise.resolve();
    expect(limiter.inFlight).toBe(2);
    expect(limiter.waiting).toBe(4);
    for (const gate of gates) gate.resolve();
    await Promise.all(tasks);
    expect(peak).toBe(2);
    expect(limiter.inFlight).toBe(0);
  });

  it("releases the slot when a task throws", async () => {
    const limiter = new ConcurrencyLimiter({ limit: 1 });
    await expect(limiter.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limiter.run(async () => 42)).resolves.toBe(42);
  });

  it("throttle lowers the limit for a while, then restores it", () => {
    let now = 0;
    const limiter = new ConcurrencyLimiter({ limit: 4, now: () => now });
    limiter.throttle({ limit: 1, forMs: 1_000 });
    expect(limiter.limit).toBe(1);
    now = 1_000;
    expect(limiter.limit).toBe(4);
  });

  it("throttle never goes below 1", () => {
    const limiter = new ConcurrencyLimiter({ limit: 2 });
    limiter.throttle({ limit: 0, forMs: 1_000 });
    expect(limiter.limit).toBe(1);
  });
});
