import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createReconciliationGate } from "@/lib/reconciliation/reconciliation-gate";
import { createAppServices, replaceAppServices } from "@/lib/runtime/app-services";
import { callRoute } from "@/test/http-client";
import { type OrderTestHarness, startOrderTestHarness } from "@/test/order-test-harness";
import { waitForRun } from "@/test/wait-for-run";
import { POST as postOrder } from "../../orders/route";
import { POST as postRun } from "./route";

let h: OrderTestHarness;
let n = 0;
const key = () => `run-${Date.now()}-${n++}`;
const requestRun = (idempotencyKey: string) =>
  callRoute(postRun, {
    method: "POST",
    path: "/api/reconciliation/runs",
    token: h.token,
    headers: { "idempotency-key": idempotencyKey },
  });

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 43 });
});
afterAll(async () => {
  await h?.close();
});

describe("POST /api/reconciliation/runs", () => {
  it("202 { run }; the same key replays it; a request while it runs joins it", async () => {
    const k = key();
    const [first, other] = await Promise.all([requestRun(k), requestRun(key())]);
    expect(first.status).toBe(202);
    expect(first.json.run).toMatchObject({ trigger: "manual", status: "running" });
    const runId = (first.json.run as { id: string }).id;
    expect((other.json.run as { id: string }).id).toBe(runId); // joined
    const replay = await requestRun(k);
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await waitForRun(runId, 30_000))?.status).toBe("completed");
    expect(await prisma().reconciliationRun.count()).toBe(1);
  });
});

describe("placements wait for the first reconciliation run since start-up", () => {
  it("503 reconciliation_pending with Retry-After until a run started after boot has completed", async () => {
    // As a freshly started instance: a closed gate, booted now.
    const gate = createReconciliationGate({ bootedAt: new Date() });
    await replaceAppServices(createAppServices({ venue: h.venue(), reconciliationGate: gate }));
    const order = { symbol: "BTC/USDT", side: "buy", type: "limit", quantity: "0.001", price: "20000" };
    const place = () =>
      callRoute(postOrder, {
        method: "POST",
        path: "/api/orders",
        token: h.token,
        json: order,
        headers: { "idempotency-key": key() },
      });
    const refused = await place();
    expect(refused.status).toBe(503);
    expect(refused.json.code).toBe("reconciliation_pending");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await prisma().order.count()).toBe(0);

    const started = await requestRun(key());
    await waitForRun((started.json.run as { id: string }).id, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 600)); // the gate re-checks at most twice a second
    expect((await place()).status).toBe(201);
  });
});
