import { randomUUID } from "node:crypto";
import { auditedReplay } from "../audit/audited-replay";
import { recordAudit } from "../audit/record-audit";
import type { Principal } from "../auth/principal";
import type { Order } from "../db/generated/prisma/client";
import { type Tx, transaction } from "../db/sql";
import { completeIdempotencyRecord } from "../idempotency/complete-idempotency-record";
import type { KeyedRequest } from "../idempotency/idempotency-types";
import { type IdempotentResult, runIdempotently } from "../idempotency/run-idempotently";
import type { ReconciliationGate } from "../reconciliation/reconciliation-gate";
import type { MidSource } from "../risk/limits/mid-quote";
import type { VenuePort } from "../venue/port/venue-port";
import { applySendOutcome } from "./apply-send-outcome";
import { assertKillSwitchReleased } from "./assert-kill-switch-released";
import { createPendingOrders } from "./create-pending-orders";
import { enforceRiskLimits, fetchNeededMids } from "./enforce-risk-limits";
import type { OrderInput } from "./order-input-schema";
import { type OrderOutcome, placementOutcome } from "./order-outcome";
import { outcomeOrderIds } from "./outcome-order-ids";
import { prepareOrderLegs } from "./prepare-order-legs";
import { resumeForCaller } from "./resume-for-caller";
import { sendOrderToVenue } from "./send-order-to-venue";

export interface PlaceOrderLegsOptions {
  venue: VenuePort;
  /** New placements (and resumed ones) wait for this instance's first reconciliation; replays do not. */
  gate: ReconciliationGate;
  /** The live mids the price band and market-order notional are checked against. */
  midSource: MidSource;
  principal: Principal;
  /** The request under its Idempotency-Key, as the route received it. */
  request: KeyedRequest;
  legs: OrderInput[];
  batch: boolean;
  requestId?: string;
  ip?: string;
}

/**
 * Places one order or a batch under one Idempotency-Key. Validation, kill switch and risk limits
 * refuse before anything is stored; then the key is claimed together with the pending order rows,
 * the legs are sent, and the venue's answers and the stored outcome commit in one transaction.
 */
export async function placeOrderLegs(
  options: PlaceOrderLegsOptions,
): Promise<IdempotentResult<OrderOutcome>> {
  const { venue, gate, midSource, principal, requestId, ip } = options;
  const audit = async (tx: Tx, orders: Order[]) => {
    for (const order of orders) {
      await recordAudit(
        {
          actor: principal,
          action: "order.place",
          outcome: order.status === "rejected" ? "failure" : "success",
          target: order.id,
          ip,
          requestId,
          details: {
            clientOrderId: order.clientOrderId,
            symbol: order.symbol,
            side: order.side,
            status: order.status,
          },
        },
        tx,
      );
    }
  };
  type Prepared = {
    legs: Awaited<ReturnType<typeof prepareOrderLegs>>;
    mids: Awaited<ReturnType<typeof fetchNeededMids>>;
  };
  const replay = {
    actor: principal,
    action: options.batch ? "order.place_batch" : "order.place",
    targets: outcomeOrderIds,
  };
  const result = await runIdempotently<Prepared, Order[], OrderOutcome>({
    request: {
      ...options.request,
      operation: options.batch ? "place_batch" : "place_order",
      // The order id of each leg, fixed before the claim so the record names its orders.
      targetIds: options.legs.map(() => randomUUID()),
    },
    prepare: async () => {
      await gate.assertOpen();
      const legs = await prepareOrderLegs({ venue, legs: options.legs, batch: options.batch });
      return { legs, mids: await fetchNeededMids({ legs, midSource }) };
    },
    start: async ({ tx, record, prepared }) => {
      const orders = await createPendingOrders({
        tx,
        record,
        principal,
        venue: venue.venue,
        legs: prepared.legs,
        batch: options.batch,
      });
      await assertKillSwitchReleased({ tx, symbols: prepared.legs.map((leg) => leg.input.symbol) });
      await enforceRiskLimits({
        tx,
        legs: prepared.legs,
        orderIds: orders.map((order) => order.id),
        mids: prepared.mids,
        batch: options.batch,
      });
      return { work: orders };
    },
    finish: async ({ record, work }) => {
      const outcomes = await Promise.all(work.map((order) => sendOrderToVenue({ venue, order })));
      return transaction(async (tx) => {
        const updated: Order[] = [];
        for (const [index, order] of work.entries()) {
          updated.push(await applySendOutcome({ tx, orderId: order.id, outcome: outcomes[index] as never }));
        }
        const outcome = placementOutcome({ orders: updated, batch: options.batch, requestId });
        await completeIdempotencyRecord({ tx, recordId: record.id, outcome });
        await audit(tx, updated);
        return outcome;
      });
    },
    resume: async ({ record }) => {
      await gate.assertOpen();
      return resumeForCaller({ venue, record, actor: principal, requestId });
    },
    completeNow: ({ tx, record, outcome }) => completeIdempotencyRecord({ tx, recordId: record.id, outcome }),
  });
  return auditedReplay(replay, result);
}
