import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postOrder } from "../../app/api/orders/route";
import { callRoute } from "../../test/http-client";
import { type OrderTestHarness, startOrderTestHarness } from "../../test/order-test-harness";
import { prisma } from "../db/prisma";
import { ownOrderStreamService } from "../orders/own-order-stream-service";
import { simControl, sleep } from "../venue/testing/sim-test-helpers";
import { runReconciliation } from "./run-reconciliation";
import { SETTLE_MARGIN_MS } from "./settle-margin";

// The synthetic market trades against our resting orders while reconciliation runs period after
// period with the user stream up: nothing differs, so nothing may be reported.

let h: OrderTestHarness;
let n = 0;

async function touch(): Promise<{ bid: number; ask: number }> {
  const depth = (await (await fetch(`${h.sim.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=1`)).json()) as {
    bids: [string][];
    asks: [string][];
  };
  return { bid: Number(depth.bids[0]?.[0]), ask: Number(depth.asks[0]?.[0]) };
}

const place = (side: "buy" | "sell", price: number) =>
  callRoute(postOrder, {
    method: "POST",
    path: "/api/orders",
    token: h.token,
    json: { symbol: "BTC/USDT", side, type: "limit", quantity: "0.001", price: price.toFixed(2) },
    headers: { "idempotency-key": `clean-${Date.now()}-${n++}` },
  });

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 59 });
});
afterAll(async () => {
  await simControl(h.sim, "POST", "market", { running: false });
  await h?.close();
});

describe("a clean market over several periods", () => {
  it("our orders trade with the synthetic flow and every run finds nothing", async () => {
    const stream = ownOrderStreamService(h.venue());
    stream.start();
    try {
      await sleep(500);
      await simControl(h.sim, "POST", "market", { running: true, diffsPerSecond: 100 });
      const runs: string[] = [];
      for (let period = 0; period < 5; period++) {
        // At the touch on both sides, so the flow's market orders meet them.
        const { bid, ask } = await touch();
        expect((await place("buy", bid)).status).toBe(201);
        expect((await place("sell", ask)).status).toBe(201);
        runs.push((await runReconciliation({ venue: h.venue(), trigger: "periodic" })).run.status);
        await sleep(1_000);
      }
      await simControl(h.sim, "POST", "market", { running: false });
      await sleep(SETTLE_MARGIN_MS + 500); // every trade past the settle margin: the last run reads them all
      runs.push((await runReconciliation({ venue: h.venue(), trigger: "periodic" })).run.status);

      expect(runs).toEqual(Array(6).fill("completed"));
      expect(await prisma().fill.count()).toBeGreaterThan(0);
      expect(
        await prisma().mismatch.findMany({
          select: { type: true, subject: true, expected: true, actual: true },
        }),
      ).toEqual([]);
    } finally {
      await stream.stop();
    }
  });
});
