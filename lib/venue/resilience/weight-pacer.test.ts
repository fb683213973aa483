import { describe, expect, it } from "vitest";
import { createTestRunner } from "../testing/venue-test-fixtures";
import { WeightPacer } from "./weight-pacer";

function fakeClock(start: number) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("WeightPacer", () => {
  it("sends at once while the venue's count plus the request stays within budget", async () => {
    const clock = fakeClock(120_000 + 10_000);
    const pacer = new WeightPacer({ budgetPerMinute: 100, ...clock });
    pacer.observe(70);
    await pacer.reserve(20);
    pacer.settle(20);
    pacer.observe(90);
    await pacer.reserve(10);
    expect(clock.sleeps).toEqual([]);
    expect(pacer.used()).toEqual({ weight: 90, at: 130_000 });
  });

  it("waits for the venue minute to roll over when the request would exceed the budget", async () => {
    const clock = fakeClock(120_000 + 10_000);
    const pacer = new WeightPacer({ budgetPerMinute: 100, ...clock });
    pacer.observe(90);
    await pacer.reserve(20);
    expect(clock.sleeps).toEqual([50_000 + 250]);
    expect(clock.now()).toBe(180_250);
  });

  it("aligns the window to the venue clock, not ours", async () => {
    const clock = fakeClock(120_000 + 10_000);
    // the venue is 45 s ahead: its minute ends 5 s from now
    const pacer = new WeightPacer({ budgetPerMinute: 100, ...clock, venueOffsetMs: () => 45_000 });
    pacer.observe(95);
    await pacer.reserve(20);
    expect(clock.sleeps).toEqual([5_000 + 250]);
  });

  it("counts weight in flight, whose answers the venue's count cannot include yet", async () => {
    const clock = fakeClock(120_000);
    const pacer = new WeightPacer({ budgetPerMinute: 100, ...clock });
    pacer.observe(20);
    await pacer.reserve(40);
    await pacer.reserve(40);
    expect(clock.sleeps).toEqual([]);
    await pacer.reserve(40);
    expect(clock.sleeps).toEqual([60_250]);
  });

  it("counts what it sent in the window when no answer carried a count", async () => {
    const clock = fakeClock(120_000);
    const pacer = new WeightPacer({ budgetPerMinute: 100, ...clock });
    for (const _ of [1, 2, 3, 4, 5]) {
      await pacer.reserve(20);
      pacer.settle(20);
    }
    expect(clock.sleeps).toEqual([]);
    await pacer.reserve(20);
    expect(clock.sleeps).toEqual([60_250]);
  });

  it("forgets a count from an earlier window", async () => {
    const clock = fakeClock(120_000);
    const pacer = new WeightPacer({ budgetPerMinute: 100, ...clock });
    pacer.observe(99);
    clock.advance(60_000);
    await pacer.reserve(50);
    expect(clock.sleeps).toEqual([]);
  });

  it("a count read late never lowers a higher one from the same window", () => {
    const clock = fakeClock(120_000);
    const pacer = new WeightPacer({ budgetPerMinute: 100, ...clock });
    pacer.observe(60);
    clock.advance(5);
    pacer.observe(40);
    expect(pacer.used()).toEqual({ weight: 60, at: 120_005 });
  });
});

describe("VenueRequestRunner weight pacing", () => {
  it("holds a request until the next minute when the venue's count leaves no room, and counts weight sent", async () => {
    const { runner, sleeps, counters, now } = createTestRunner({ weightBudgetPerMinute: 100 });
    const startedMinute = Math.floor(now() / 60_000);
    const call = async () => {
      runner.pacer.observe(90);
      return "ok";
    };
    await runner.run({
      endpoint: "fetchMyTrades",
      endpointClass: "private",
      retry: "idempotent",
      weight: 20,
      call,
    });
    expect(sleeps).toEqual([]);
    await runner.run({
      endpoint: "fetchMyTrades",
      endpointClass: "private",
      retry: "idempotent",
      weight: 20,
      call,
    });
    expect(Math.floor(now() / 60_000)).toBe(startedMinute + 1);
    expect(counters.weightSent).toBe(40);
    expect(counters.requests).toBe(2);
  });
});
