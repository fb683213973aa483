import { describe, expect, it } from "vitest";
import type { OrderOutcome } from "../orders/order-outcome";
import type { OrderView } from "../orders/order-view";
import type { MismatchActionOutcome } from "../reconciliation/actions/mismatch-action-outcome";
import type { MismatchView } from "../reconciliation/read/mismatch-view";
import { presentOutcome } from "./present-outcome";

const order = (status: OrderView["status"], rejectReason: string | null = null): OrderView => ({
  id: "8d1f5a52-4b0c-4a7e-9a51-6a3c0b0e2c11",
  clientOrderId: "tly-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  timeInForce: "GTC",
  quantity: "0.001",
  price: "30000",
  filledQuantity: "0",
  averagePrice: null,
  status,
  rejectReason,
  origin: "tally",
  createdByUserId: null,
  createdByTokenId: null,
  createdByWebhookSourceId: null,
  createdAt: "2026-12-01T00:00:00.000Z",
  updatedAt: "2026-12-01T00:00:00.000Z",
});

describe("presentOutcome", () => {
  it("a refused mismatch action is 409 mismatch_state_conflict with the status it found, in words", () => {
    const mismatch = { id: "m1", status: "resolved" } as MismatchView;
    for (const [action, word] of [
      ["acknowledge", "acknowledged"],
      ["resolve", "resolved"],
      ["accept", "accepted"],
      ["adjust", "adjusted"],
    ] as const) {
      const refused: MismatchActionOutcome = {
        kind: "mismatch_state_conflict",
        action,
        mismatch,
        requestId: "r1",
      };
      const answer = presentOutcome(refused);
      expect(answer.status).toBe(409);
      expect(JSON.parse(answer.body)).toMatchObject({
        code: "mismatch_state_conflict",
        currentStatus: "resolved",
        detail: `The mismatch is resolved: it cannot be ${word} now`,
        requestId: "r1",
      });
    }
    const done: MismatchActionOutcome = { kind: "mismatch_changed", action: "resolve", mismatch };
    const changed = presentOutcome(done);
    expect(changed).toEqual({ status: 200, body: JSON.stringify({ mismatch }) });
  });

  it("maps each order status of a placement to its answer", () => {
    const placed = (o: OrderView): OrderOutcome => ({ kind: "order_placed", order: o, requestId: "r1" });
    expect(presentOutcome(placed(order("open"))).status).toBe(201);
    expect(presentOutcome(placed(order("filled"))).status).toBe(201);
    expect(presentOutcome(placed(order("unknown"))).status).toBe(202);
    expect(presentOutcome(placed(order("pending_new"))).status).toBe(202);
    const rejected = presentOutcome(placed(order("rejected", "MIN_NOTIONAL")));
    expect(rejected.status).toBe(422);
    expect(JSON.parse(rejected.body)).toMatchObject({
      code: "order_rejected",
      detail: "The venue rejected the order: MIN_NOTIONAL",
      requestId: "r1",
      order: { status: "rejected" },
    });
  });

  it("gives the same bytes for a stored outcome as for the original (a replay is the first answer)", () => {
    const outcomes: OrderOutcome[] = [
      { kind: "batch_placed", orders: [order("open"), order("rejected", "no funds")], requestId: null },
      { kind: "order_not_cancelable", order: order("filled"), requestId: "r2" },
      { kind: "order_canceled", order: order("canceled") },
    ];
    for (const outcome of outcomes) {
      const stored = JSON.parse(JSON.stringify(outcome)) as OrderOutcome;
      expect(presentOutcome(stored)).toEqual(presentOutcome(outcome));
    }
  });

  it("replays an answer stored as bytes before outcomes existed exactly", () => {
    const body = '{"order":{"id":"x"}}';
    expect(presentOutcome({ kind: "stored_response", status: 201, body } as never)).toEqual({
      status: 201,
      body,
    });
  });
});
