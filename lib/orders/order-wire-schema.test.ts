import { Decimal } from "decimal.js";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Fill, Order, OrderEvent } from "../db/generated/prisma/client";
import { OrderSide, OrderStatus, OrderType, TimeInForce } from "../db/generated/prisma/enums";
import { presentOutcome } from "../http/present-outcome";
import { getOrderOrThrow } from "./get-order-or-throw";
import { listOrders } from "./list-orders";
import { placementOutcome } from "./order-outcome";
import { toOrderView } from "./order-view";
import {
  batchAnswerSchema,
  orderAnswerSchema,
  orderDetailSchema,
  orderListPageSchema,
  orderProblemExtraSchema,
  orderSideSchema,
  orderStatusSchema,
  orderTypeSchema,
  orderViewSchema,
  timeInForceSchema,
} from "./order-wire-schema";

const db = vi.hoisted(() => ({
  order: { findUnique: vi.fn(), findMany: vi.fn() },
  user: { findMany: vi.fn() },
  apiToken: { findMany: vi.fn() },
}));
vi.mock("../db/prisma", () => ({ prisma: () => db }));

const USER_ID = "5b0f3c1e-1111-4a7e-9a51-6a3c0b0e2c11";
const TOKEN_ID = "5b0f3c1e-2222-4a7e-9a51-6a3c0b0e2c11";

function orderRow(overrides: Partial<Order> = {}): Order {
  return {
    id: "8d1f5a52-4b0c-4a7e-9a51-6a3c0b0e2c11",
    clientOrderId: "tly-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    venue: "binance",
    venueOrderId: "123",
    symbol: "BTC/USDT",
    side: "buy",
    type: "limit",
    timeInForce: "GTC",
    quantity: new Decimal("0.00100000"),
    price: new Decimal("30000.50"),
    filledQuantity: new Decimal("0.0005"),
    averagePrice: new Decimal("30000.5"),
    status: "partially_filled",
    rejectReason: null,
    origin: "tally",
    lastSendAt: new Date("2026-12-01T00:00:00.000Z"),
    idempotencyRecordId: null,
    createdByUserId: USER_ID,
    createdByTokenId: null,
    createdByWebhookSourceId: null,
    createdAt: new Date("2026-12-01T00:00:00.000Z"),
    updatedAt: new Date("2026-12-01T00:00:01.000Z"),
    ...overrides,
  } as Order;
}

const fill = {
  id: "9e2a6b63-5c1d-4b8f-8b62-7b4d1c1f3d22",
  orderId: "8d1f5a52-4b0c-4a7e-9a51-6a3c0b0e2c11",
  venue: "binance",
  venueTradeId: "t1",
  price: new Decimal("30000.5"),
  quantity: new Decimal("0.0005"),
  fee: new Decimal("-0.01"),
  feeAsset: "USDT",
  liquidity: null,
  executedAt: new Date("2026-12-01T00:00:01.000Z"),
  createdAt: new Date("2026-12-01T00:00:01.000Z"),
} as unknown as Fill;

const event = {
  id: 7n,
  orderId: "8d1f5a52-4b0c-4a7e-9a51-6a3c0b0e2c11",
  type: "status_changed",
  fromStatus: "open",
  toStatus: "partially_filled",
  data: { venueStatus: "PARTIALLY_FILLED" },
  createdAt: new Date("2026-12-01T00:00:01.000Z"),
} as OrderEvent;

beforeEach(() => {
  db.user.findMany.mockResolvedValue([{ id: USER_ID, username: "alice" }]);
  db.apiToken.findMany.mockResolvedValue([{ id: TOKEN_ID, name: "bot", createdBy: { username: "bob" } }]);
});

describe("orders wire schema", () => {
  it("names exactly the database's enum values", () => {
    expect(orderStatusSchema.options.toSorted()).toEqual(Object.values(OrderStatus).toSorted());
    expect(orderSideSchema.options.toSorted()).toEqual(Object.values(OrderSide).toSorted());
    expect(orderTypeSchema.options.toSorted()).toEqual(Object.values(OrderType).toSorted());
    expect(timeInForceSchema.options.toSorted()).toEqual(Object.values(TimeInForce).toSorted());
  });

  it("parses the server's order view of a row, market orders included", () => {
    expect(orderViewSchema.parse(toOrderView(orderRow()))).toEqual(toOrderView(orderRow()));
    const market = orderRow({ type: "market", timeInForce: null, price: null, averagePrice: null });
    expect(orderViewSchema.parse(toOrderView(market)).price).toBeNull();
  });

  it("parses a detail as getOrderOrThrow builds it", async () => {
    db.order.findUnique.mockResolvedValue({ ...orderRow(), fills: [fill], events: [event] });
    const detail = await getOrderOrThrow({ id: orderRow().id });
    expect(orderDetailSchema.parse(JSON.parse(JSON.stringify(detail)))).toMatchObject({
      placedBy: { kind: "user", name: "alice" },
      fills: [{ fee: "-0.01", liquidity: null }],
      events: [{ id: "7", toStatus: "partially_filled" }],
    });
  });

  it("parses a list page as listOrders builds it", async () => {
    db.order.findMany.mockResolvedValue([
      orderRow({ createdByUserId: null, createdByTokenId: TOKEN_ID }),
      orderRow({ id: "8d1f5a52-4b0c-4a7e-9a51-6a3c0b0e2c12", createdByUserId: null }),
    ]);
    const page = orderListPageSchema.parse(JSON.parse(JSON.stringify(await listOrders({ limit: 1 }))));
    expect(page.orders[0]?.placedBy).toEqual({ kind: "token", id: TOKEN_ID, name: "bot", owner: "bob" });
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it("parses the placement answers, single, batch and rejected", () => {
    const open = orderRow({ status: "open" });
    const rejected = orderRow({ status: "rejected", rejectReason: "no funds" });
    const single = presentOutcome(placementOutcome({ orders: [open], batch: false, requestId: "r1" }));
    expect(orderAnswerSchema.parse(JSON.parse(single.body)).order.status).toBe("open");
    const batch = presentOutcome(placementOutcome({ orders: [open, rejected], batch: true }));
    expect(batchAnswerSchema.parse(JSON.parse(batch.body)).results.map((r) => r.status)).toEqual([201, 422]);
    const refused = presentOutcome(placementOutcome({ orders: [rejected], batch: false }));
    expect(orderProblemExtraSchema.parse(JSON.parse(refused.body)).order?.rejectReason).toBe("no funds");
  });
});
