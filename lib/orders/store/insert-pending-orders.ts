import type { Principal } from "../../auth/principal";
import { type Order, Prisma } from "../../db/generated/prisma/client";
import type { Tx } from "../../db/sql";
import { encodeEvent } from "../../events/publish-event";
import { EVENTS_CHANNEL } from "../../events/tally-event";
import type { ClaimedRecord } from "../../idempotency/idempotency-types";
import type { PreparedLeg } from "../prepare-order-legs";

export interface InsertPendingOrdersOptions {
  tx: Tx;
  /** The claimed record: its targetIds are the order ids, leg by leg. */
  record: ClaimedRecord;
  principal: Principal;
  venue: string;
  legs: PreparedLeg[];
  clientOrderIds: string[];
}

function legValues(options: InsertPendingOrdersOptions): Prisma.Sql[] {
  const { record, principal, clientOrderIds } = options;
  // The app's clock, as every later send is recorded (send-window.ts): the first send follows the commit.
  const sendAt = new Date();
  return options.legs.map(({ input }, index) => {
    const id = record.targetIds[index];
    if (!id) throw new Error(`record ${record.id} names no order for leg ${index}`);
    const clientOrderId = clientOrderIds[index] as string;
    const payload = encodeEvent({
      type: "order.updated",
      data: { orderId: id, clientOrderId, symbol: input.symbol, status: "pending_new" },
    });
    const timeInForce = input.type === "limit" ? (input.timeInForce ?? "GTC") : null;
    const price = input.type === "limit" ? (input.price ?? null) : null;
    return Prisma.sql`(${id}::uuid, ${clientOrderId}, ${options.venue}, ${input.symbol},
      ${input.side}::"OrderSide", ${input.type}::"OrderType", ${timeInForce}::"TimeInForce",
      ${input.quantity}::numeric, ${price}::numeric, ${record.id}::uuid,
      ${principal.kind === "user" ? principal.id : null}::uuid, ${principal.kind === "token" ? principal.id : null}::uuid,
      ${principal.kind === "webhook" ? principal.id : null}::uuid,
      ${principal.kind === "webhook" ? "webhook" : "tally"}::"OrderOrigin",
      ${JSON.stringify({ leg: index })}::jsonb, ${payload}, ${sendAt}::timestamptz)`;
  });
}

/**
 * Inserts every leg as pending_new, its "created" OrderEvent and its NOTIFY in one statement; none
 * (an empty list) if any client order id is taken.
 */
export async function insertPendingOrders(options: InsertPendingOrdersOptions): Promise<Order[]> {
  const rows = await options.tx.$queryRaw<(Order & { __notified?: unknown })[]>`
    WITH leg (id, "clientOrderId", venue, symbol, side, type, "timeInForce", quantity, price,
              "idempotencyRecordId", "createdByUserId", "createdByTokenId", "createdByWebhookSourceId", origin, "eventData", payload,
              "lastSendAt") AS (
      VALUES ${Prisma.join(legValues(options))}
    ),
    inserted AS (
      INSERT INTO "Order" (id, "clientOrderId", venue, symbol, side, type, "timeInForce", quantity, price,
                           "filledQuantity", status, "idempotencyRecordId", "createdByUserId", "createdByTokenId",
                           "createdByWebhookSourceId", origin, "lastSendAt", "createdAt", "updatedAt")
      SELECT id, "clientOrderId", venue, symbol, side, type, "timeInForce", quantity, price, 0,
             'pending_new', "idempotencyRecordId", "createdByUserId", "createdByTokenId",
             "createdByWebhookSourceId", origin, "lastSendAt",
             now(), now()
      FROM leg
      WHERE NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."clientOrderId" IN (SELECT "clientOrderId" FROM leg))
      RETURNING *
    ),
    event AS (
      INSERT INTO "OrderEvent" ("orderId", type, "fromStatus", "toStatus", data, "createdAt")
      SELECT inserted.id, 'created', NULL, 'pending_new', leg."eventData", now()
      FROM inserted JOIN leg ON leg.id = inserted.id
    )
    SELECT inserted.*, pg_notify(${EVENTS_CHANNEL}, leg.payload)::text AS "__notified"
    FROM inserted JOIN leg ON leg.id = inserted.id
    ORDER BY (leg."eventData"->>'leg')::int`;
  return rows.map(({ __notified: _, ...order }) => order as Order);
}
