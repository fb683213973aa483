import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postOrder } from "../../../app/api/orders/route";
import {
  configureAlertWebhook,
  startAlertReceiver,
  TEST_ALERT_SECRET,
  waitFor,
} from "../../../test/alert-receiver";
import { callRoute } from "../../../test/http-client";
import {
  type OrderTestHarness,
  resetAppVenue,
  resetSim,
  startOrderTestHarness,
} from "../../../test/order-test-harness";
import { apiTokenFor } from "../../../test/principals";
import { resetDatabase } from "../../../test/reset-database";
import { alertDeliveryService } from "../../alerts/alert-delivery-service";
import { prisma } from "../../db/prisma";
import { sql } from "../../db/sql";
import { syncInstruments } from "../../instruments/sync-instruments";
import { ownOrderStreamService } from "../../orders/own-order-stream-service";
import type { BackgroundService } from "../../runtime/background-service";
import { simControl, sleep } from "../../venue/testing/sim-test-helpers";
import { readTradingHalt } from "../read-kill-switch";
import { venueUnreachableMonitor } from "./venue-unreachable-monitor";

const receiver = await startAlertReceiver();
configureAlertWebhook(receiver.url);
process.env.RISK_DAILY_LOSS_LIMIT = "5";

let h: OrderTestHarness;
let token: string;
let n = 0;
let running: BackgroundService[] = [];
const post = (json: Record<string, unknown>) =>
  callRoute(postOrder, {
    method: "POST",
    path: "/api/orders",
    token,
    json: { symbol: "BTC/USDT", type: "limit", ...json },
    headers: { "idempotency-key": `auto-halt-${Date.now()}-${n++}` },
  });
function run(service: BackgroundService): void {
  running.push(service);
  void service.start();
}
const halt = () => readTradingHalt(sql(), "BTC/USDT");

/** The halt was audited as the system and its alert reached the webhook, signed. */
async function expectAuditedAndAlerted(source: string, actor: string) {
  const audit = await prisma().auditLog.findMany({ where: { action: "kill_switch.engage" } });
  expect(audit).toMatchObject([
    { actorType: "system", actorName: actor, target: "global", details: { source, automatic: true } },
  ]);
  const alert = await waitFor(() =>
    receiver.received.find(
      (a) => a.payload.type === "kill_switch.engaged" && a.payload.data.source === source,
    ),
  );
  expect(alert.payload.data).toMatchObject({ scope: "global", actor });
  expect(receiver.state.rejected).toBe(0);
}

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 43 });
});
afterAll(async () => {
  await h?.close();
  await receiver.close();
});
beforeEach(async () => {
  await resetAppVenue();
  await resetSim(h.sim);
  await resetDatabase();
  await syncInstruments({ venue: h.venue(), reload: true });
  token = (await apiTokenFor("trader")).token;
  receiver.received.length = 0;
  run(
    alertDeliveryService({
      settings: { url: receiver.url, secret: TEST_ALERT_SECRET, maxAttempts: 3 },
      pollMs: 20,
    }),
  );
});
afterEach(async () => {
  await Promise.all(running.map((service) => service.stop()));
  running = [];
});

describe("automatic halts", () => {
  it("the venue refusing our credentials opens the auth breaker and halts everything (auth_failure)", async () => {
    await simControl(h.sim, "POST", "faults", { authFailure: "invalid_api_key" });
    const refused = await post({ side: "buy", quantity: "0.001", price: "20000" });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const engaged = await waitFor(halt);
    expect(engaged).toMatchObject({ scope: "global", source: "auth_failure", actor: "venue-auth-breaker" });
    expect(engaged.reason).toMatch(/refused our API credentials/);
    await expectAuditedAndAlerted("auth_failure", "venue-auth-breaker");

    await simControl(h.sim, "DELETE", "faults");
    await resetAppVenue();
    const next = await post({ side: "buy", quantity: "0.001", price: "20000" });
    expect(next.status).toBe(423);
    expect(next.json).toMatchObject({ code: "kill_switch_engaged", source: "auth_failure" });
    expect(await h.venueOrders()).toEqual([]);
  });

  it("a realized loss from our fills reaching RISK_DAILY_LOSS_LIMIT halts everything (loss_limit)", async () => {
    run(ownOrderStreamService(h.venue()));
    await sleep(500);
    // Bought 0.01 from the best asks, at about 60,006.
    expect((await post({ side: "buy", quantity: "0.01", price: "61000" })).status).toBe(201);
    await waitFor(async () => (await prisma().order.findFirst())?.status === "filled");
    await sleep(200);
    expect(await halt()).toBeNull(); // nothing realized beyond the fee
    // The market falls: every bid taken, the best bid now 59,000.
    await simControl(h.sim, "POST", "synthetic-order", { symbol: "BTCUSDT", side: "SELL", quantity: "50" });
    await simControl(h.sim, "POST", "synthetic-order", {
      symbol: "BTCUSDT",
      side: "BUY",
      quantity: "1",
      price: "59000",
    });
    // Sold 0.01 at 59,000 what cost about 60,006: a realized loss of about 10 USDT, more with the fees, > 5.
    expect((await post({ side: "sell", quantity: "0.01", price: "58000" })).status).toBe(201);
    const engaged = await waitFor(halt);
    expect(engaged).toMatchObject({ scope: "global", source: "loss_limit", actor: "loss-limit" });
    expect(engaged.reason).toMatch(
      /^daily realized loss 1\d\.\d{1,8} USDT reached the limit of 5 USDT \(UTC day \d{4}-\d\d-\d\d\)$/,
    );
    await expectAuditedAndAlerted("loss_limit", "loss-limit");
    expect((await post({ side: "buy", quantity: "0.001", price: "20000" })).status).toBe(423);
  });

  it("the venue unreachable past the configured time: halts only while we have live orders (venue_unreachable)", async () => {
    // Unreachable with nothing live at the venue: nothing to protect, no halt.
    await simControl(h.sim, "POST", "faults", { http5xx: 1, endpoints: ["time"] });
    const idle = venueUnreachableMonitor(h.venue(), { thresholdMs: 300, pollMs: 50 });
    run(idle);
    await sleep(2_800);
    expect(await halt()).toBeNull();
    await idle.stop();
    await simControl(h.sim, "DELETE", "faults");
    await resetAppVenue();

    expect((await post({ side: "buy", quantity: "0.001", price: "20000" })).status).toBe(201); // rests
    run(venueUnreachableMonitor(h.venue(), { thresholdMs: 300, pollMs: 50 }));
    await sleep(200);
    expect(await halt()).toBeNull(); // reachable
    await h.sim.close(); // the venue stops
    const engaged = await waitFor(halt, 15_000);
    expect(engaged).toMatchObject({ scope: "global", source: "venue_unreachable", actor: "venue-monitor" });
    expect(engaged.reason).toMatch(/^venue sim unreachable for \d+ s with 1 live order\(s\)/);
    await expectAuditedAndAlerted("venue_unreachable", "venue-monitor");
  });
});
