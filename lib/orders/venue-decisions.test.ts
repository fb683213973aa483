import { describe, expect, it } from "vitest";
import type { Order } from "../db/generated/prisma/client";
import { Prisma } from "../db/generated/prisma/client";
import { VenueCircuitOpenError, VenueError } from "../venue/port/venue-errors";
import type { VenueOrder } from "../venue/port/venue-types";
import { InMemoryVenue } from "../venue/testing/in-memory-venue";
import { getReferencePrice } from "./get-reference-price";
import { cancelOutcome, placementOutcome } from "./order-outcome";
import { requestCancelAtVenue } from "./request-cancel-at-venue";
import { sendOrderToVenue } from "./send-order-to-venue";
import { SEND_RECORD_SLACK_MS, sendWindowClosesAt } from "./send-window";

// The order domain's decisions against an in-memory VenuePort: no database, no simulator.

const now = new Date("2026-12-01T10:00:00.000Z");
const order = (overrides: Partial<Order> = {}): Order => ({
  id: "0b8f2a9e-4d1c-4f5e-8a2b-3c4d5e6f7a8b",
  clientOrderId: "tly-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
  venue: "memory",
  venueOrderId: null,
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  timeInForce: "GTC",
  quantity: new Prisma.Decimal("0.00100000"),
  price: new Prisma.Decimal("30000.10"),
  filledQuantity: new Prisma.Decimal(0),
  averagePrice: null,
  status: "pending_new",
  origin: "tally",
  rejectReason: null,
  lastSendAt: new Date(),
  idempotencyRecordId: null,
  createdByUserId: null,
  createdByTokenId: null,
  createdByWebhookSourceId: null,
  createdAt: now,
  updatedAt: now,
  ...overrides,
});
const venueOrder = (status: VenueOrder["status"]): VenueOrder => ({
  venueOrderId: "42",
  clientOrderId: order().clientOrderId,
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  timeInForce: "GTC",
  status,
  venueStatus: null,
  price: "30000.1",
  quantity: "0.001",
  filledQuantity: status === "closed" ? "0.001" : "0",
  filledQuote: null,
  createdAt: 1,
  updatedAt: 1,
});

describe("sendOrderToVenue", () => {
  it("sends the order's exact decimals and client order id, and passes the venue's answer on", async () => {
    const venue = new InMemoryVenue();
    const sent: unknown[] = [];
    venue.placeOrderHandler = async (request) => {
      sent.push(request);
      return { status: "accepted", order: venueOrder("open"), recovered: false, attempts: 1 };
    };
    const outcome = await sendOrderToVenue({ venue, order: order() });
    expect(outcome.status).toBe("accepted");
    expect(sent).toEqual([
      {
        symbol: "BTC/USDT",
        side: "buy",
        type: "limit",
        quantity: "0.001",
        price: "30000.1",
        timeInForce: "GTC",
        clientOrderId: order().clientOrderId,
      },
    ]);
  });

  it("a venue that refuses before sending (circuit open) is not_sent, never unknown", async () => {
    const venue = new InMemoryVenue();
    venue.placeOrderHandler = async () => {
      throw new VenueCircuitOpenError("platform", { endpoint: "createOrder", retryAfterMs: 1000 });
    };
    expect(await sendOrderToVenue({ venue, order: order() })).toMatchObject({ status: "not_sent" });
  });
});

describe("requestCancelAtVenue", () => {
  it("canceled at the venue: the venue's order", async () => {
    const venue = new InMemoryVenue();
    venue.cancelOrderHandler = async () => ({ status: "canceled", order: venueOrder("canceled") });
    expect(await requestCancelAtVenue({ venue, order: order() })).toMatchObject({ status: "canceled" });
    expect(venue.calls).toEqual([`cancelOrder ${order().clientOrderId}`]);
  });

  it("not open at the venue: the lookup says what became of it (filled), or null when it never existed", async () => {
    const venue = new InMemoryVenue();
    venue.cancelOrderHandler = async () => ({
      status: "not_found",
      error: new VenueError("order_not_found", "x"),
    });
    venue.lookupHandler = async () => venueOrder("closed");
    expect(await requestCancelAtVenue({ venue, order: order() })).toMatchObject({ status: "closed" });
    venue.lookupHandler = async () => null;
    expect(await requestCancelAtVenue({ venue, order: order() })).toBeNull();
  });
});

describe("getReferencePrice", () => {
  it("a buy meets the best ask, a sell the best bid; no answer from the venue is no price", async () => {
    const venue = new InMemoryVenue();
    venue.depthHandler = async () => ({ lastUpdateId: 1, bids: [["99", "1"]], asks: [["101", "1"]] });
    expect((await getReferencePrice({ venue, symbol: "REF/ONE", side: "buy" }))?.toFixed()).toBe("101");
    expect((await getReferencePrice({ venue, symbol: "REF/ONE", side: "sell" }))?.toFixed()).toBe("99");
    venue.depthHandler = async () => {
      throw new VenueError("transient", "down");
    };
    expect(await getReferencePrice({ venue, symbol: "REF/TWO", side: "buy" })).toBeNull();
  });
});

describe("send window and outcomes", () => {
  it("a lookup proves absence only after the newest send plus the slack and the venue's window", () => {
    const sent = order({ lastSendAt: now });
    expect(sendWindowClosesAt({ order: sent, executionWindowMs: 4000 })).toBe(
      now.getTime() + SEND_RECORD_SLACK_MS + 4000,
    );
  });

  it("a placement's outcome lists its orders in leg order; a cancel that did not end canceled is not cancelable", () => {
    const legs = [order({ id: "a" }), order({ id: "b" })];
    expect(placementOutcome({ orders: legs, batch: true })).toMatchObject({
      kind: "batch_placed",
      orders: [{ id: "a" }, { id: "b" }],
      requestId: null,
    });
    expect(
      cancelOutcome({ order: order({ status: "filled" }), venueKnowsIt: true, requestId: "r" }),
    ).toMatchObject({ kind: "order_not_cancelable", requestId: "r" });
    expect(cancelOutcome({ order: order({ status: "canceled" }), venueKnowsIt: true }).kind).toBe(
      "order_canceled",
    );
    // An order we hold as open that the venue does not know: the truth is unknown, not "can no longer be canceled".
    expect(cancelOutcome({ order: order({ status: "open" }), venueKnowsIt: false }).kind).toBe(
      "order_state_unknown",
    );
  });
});
