import type { Principal } from "../auth/principal";
import { type Order, Prisma } from "../db/generated/prisma/client";
import type { Tx } from "../db/sql";
import { encodeEvent } from "../events/publish-event";
import { EVENTS_CHANNEL } from "../events/tally-event";
import type { ClaimedRecord } from "../idempotency/idempotency-types";
import { deriveClientOrderId } from "../venue/derive-client-order-id";
import type { PreparedLeg } from "./prepare-order-legs";

export interface CreatePendingOrdersOptions {
  tx: Tx;
  record: ClaimedRecord;
  principal: Principal;
  venue: string;
  legs: PreparedLeg[];
  /** Batch legs get `leg: i` in their client order id; a single order gets none. */
  batch: boolean;
}

function legValues(options: CreatePendingOrdersOptions, clientOrderIds: string[]): Prisma.Sql[] {
  const { record, principal } = options;
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
      ${JSON.stringify({ leg: index })}::jsonb, ${payload}, ${sendAt}::timestamptz)`;
  });
}

/** Inserts every leg, its "created" OrderEvent and its NOTIFY in one statement; none if any id is taken. */
async function insertLegs(options: CreatePendingOrdersOptions, clientOrderIds: string[]): Promise<Order[]> {
  const rows = await options.tx.$queryRaw<(Order & { __notified?: unknown })[]>`
    WITH leg (id, "clientOrderId", venue, symbol, side, type, "timeInForce", quantity, price,
              "idempotencyRecordId", "createdByUserId", "createdByTokenId", "eventData", payload, "lastSendAt") AS (
      VALUES ${Prisma.join(legValues(options, clientOrderIds))}
    ),
    inserted AS (
      INSERT INTO "Order" (id, "clientOrderId", venue, symbol, side, type, "timeInForce", quantity, price,
                           "filledQuantity", status, "idempotencyRecordId", "createdByUserId", "createdByTokenId",
                           "lastSendAt", "createdAt", "updatedAt")
      SELECT id, "clientOrderId", venue, symbol, side, type, "timeInForce", quantity, price, 0,
             'pending_new', "idempotencyRecordId", "createdByUserId", "createdByTokenId", "lastSendAt",
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

/**
 * Writes the pending_new order rows, each with its "created" OrderEvent and `order.updated` event, in
 * the claim's transaction, before anything is sent. Client order ids derive from (scope, key, leg);
 * when a key is used again after its record expired, the record id joins the scope so the new
 * order never collides with (or is mistaken at the venue for) the old one.
 */
export async function createPendingOrders(options: CreatePendingOrdersOptions): Promise<Order[]> {
  const { record, legs } = options;
  const idsFor = (scope: string) =>
    legs.map((_, index) =>
      deriveClientOrderId({ scope, key: record.key, leg: options.batch ? index : undefined }),
    );
  const orders = await insertLegs(options, idsFor(record.scope));
  if (orders.length === legs.length) return orders;
  const retried = await insertLegs(options, idsFor(`${record.scope}|${record.id}`));
  if (retried.length !== legs.length) throw new Error(`client order ids for record ${record.id} are taken`);
  return retried;
}
