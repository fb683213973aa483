import { describe, expect, it } from "vitest";
import { TokenBucket } from "./token-bucket";

function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    advance: (ms: number) => (now += ms),
  };
}

describe("TokenBucket", () => {
  it("allows a burst up to capacity, then waits for refill", async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 10, now: clock.now, sleep: clock.sleep });
    await bucket.take();
    await bucket.take();
    await bucket.take();
    expect(clock.sleeps).toEqual([]);
    await bucket.take();
    expect(clock.sleeps).toEqual([100]);
  });

  it("refills over time but never above capacity", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 1, now: clock.now, sleep: clock.sleep });
    void bucket.take(2);
    clock.advance(10_000);
    expect(bucket.available).toBe(2);
  });

  it("pauseUntil blocks every taker until the pause ends and accrues nothing meanwhile", async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 100, now: clock.now, sleep: clock.sleep });
    bucket.pauseUntil(2_000);
    expect(bucket.waitTimeMs()).toBe(2_000);
    await bucket.take();
    expect(clock.now()).toBeGreaterThanOrEqual(2_000);
  });

  it("serves takers in order", async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 10, now: clock.now, sleep: clock.sleep });
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => bucket.take().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });
});
