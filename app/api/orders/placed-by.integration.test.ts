import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callRoute, TEST_ORIGIN } from "@/test/http-client";
import { type OrderTestHarness, startOrderTestHarness } from "@/test/order-test-harness";
import { signedInUser } from "@/test/principals";
import { GET as getOrderRoute } from "./[id]/route";
import { GET as listRoute, POST as postOrder } from "./route";

let h: OrderTestHarness;
beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 31 });
});
afterAll(async () => {
  await h?.close();
});

const restingBuy = { symbol: "BTC/USDT", side: "buy", type: "limit", quantity: "0.001", price: "30000" };

describe("who placed an order", () => {
  it("names the user or the API token (with its owner) in the list and the detail", async () => {
    const byToken = await callRoute(postOrder, {
      method: "POST",
      path: "/api/orders",
      token: h.token,
      json: restingBuy,
      headers: { "idempotency-key": `placed-by-token-${Date.now()}` },
    });
    expect(byToken.status).toBe(201);
    const trader = await signedInUser("trader", `placer-${Date.now().toString(36)}`);
    const byUser = await callRoute(postOrder, {
      method: "POST",
      path: "/api/orders",
      cookie: trader.cookie,
      json: restingBuy,
      headers: { origin: TEST_ORIGIN, "idempotency-key": `placed-by-user-${Date.now()}` },
    });
    expect(byUser.status).toBe(201);
    const tokenOrderId = (byToken.json.order as { id: string }).id;
    const userOrderId = (byUser.json.order as { id: string }).id;

    const list = await callRoute(listRoute, { path: "/api/orders", token: h.token });
    const placedBy = new Map(
      (list.json.orders as Array<{ id: string; placedBy: unknown }>).map((order) => [
        order.id,
        order.placedBy,
      ]),
    );
    expect(placedBy.get(userOrderId)).toEqual({
      kind: "user",
      id: trader.user.id,
      name: trader.user.username,
    });
    expect(placedBy.get(tokenOrderId)).toMatchObject({ kind: "token", name: "trader-bot" });
    expect((placedBy.get(tokenOrderId) as { owner: string }).owner).toMatch(/^risk-/);

    const detail = await callRoute(getOrderRoute, {
      path: `/api/orders/${userOrderId}`,
      params: { id: userOrderId },
      token: h.token,
    });
    expect((detail.json.order as { placedBy: unknown }).placedBy).toEqual({
      kind: "user",
      id: trader.user.id,
      name: trader.user.username,
    });
  });
});
