import { describe, expect, it } from "vitest";
import { logger } from "../../observability/logger";
import { VenueHealthProbe } from "./venue-health-probe";

function probe(answers: Array<number | Error>) {
  let now = 10_000;
  return new VenueHealthProbe({
    fetchTime: async () => {
      const answer = answers.shift();
      now += 100; // every round trip takes 100 ms
      if (answer instanceof Error) throw answer;
      return answer;
    },
    breakerStates: () => ({ auth: "closed" }),
    recvWindowMs: 5_000,
    logger,
    now: () => now,
  });
}

describe("VenueHealthProbe", () => {
  it("measures the offset against the round trip's midpoint and keeps it", async () => {
    const health = probe([10_050 + 1_200]);
    await expect(health.check()).resolves.toMatchObject({
      reachable: true,
      latencyMs: 100,
      clockOffsetMs: 1_200,
      clockOffsetWarning: false,
      breakers: { auth: "closed" },
    });
    expect(health.clockOffsetMs).toBe(1_200);
  });

  it("warns above half the recvWindow", async () => {
    await expect(probe([10_050 - 2_600]).check()).resolves.toMatchObject({
      clockOffsetMs: -2_600,
      clockOffsetWarning: true,
    });
  });

  it("a failed check reports unreachable and keeps the last measured offset", async () => {
    const health = probe([10_050 + 700, new Error("timed out")]);
    await health.check();
    await expect(health.check()).resolves.toMatchObject({
      reachable: false,
      clockOffsetMs: null,
      error: "timed out",
    });
    expect(health.clockOffsetMs).toBe(700);
  });
});
