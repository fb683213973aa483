import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReconciliation } from "@/lib/reconciliation/run-reconciliation";
import { simControl } from "@/lib/venue/testing/sim-test-helpers";
import { callRoute } from "@/test/http-client";
import { type OrderTestHarness, startOrderTestHarness } from "@/test/order-test-harness";
import { GET as listOrders } from "./route";

let h: OrderTestHarness;

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 53 });
});
afterAll(async () => {
  await h?.close();
});

describe("GET /api/orders and orders placed outside Tally", () => {
  it("lists an order someone else placed on our account with origin external, and filters to them", async () => {
    const foreign = (await simControl(h.sim, "POST", "foreign-order", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      quantity: "0.002",
      price: "25000",
    })) as { orderId: number };
    await runReconciliation({ venue: h.venue(), trigger: "manual" });
    const external = await callRoute(listOrders, {
      path: "/api/orders",
      token: h.token,
      params: {},
      headers: {},
      method: "GET",
    });
    expect(external.status).toBe(200);
    const all = external.json.orders as { venueOrderId?: string; origin: string; clientOrderId: string }[];
    expect(all.map((order) => order.origin)).toContain("external");
    const filtered = await callRoute(listOrders, { path: "/api/orders?origin=external", token: h.token });
    expect((filtered.json.orders as { origin: string }[]).every((order) => order.origin === "external")).toBe(
      true,
    );
    expect(filtered.json.orders).toHaveLength(1);
    expect(foreign.orderId).toBeGreaterThan(0);
    const tallyOnly = await callRoute(listOrders, { path: "/api/orders?origin=tally", token: h.token });
    expect(tallyOnly.json.orders).toHaveLength(0);
  });
});
