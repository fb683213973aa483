import { Decimal } from "decimal.js";
import type { Order } from "../db/generated/prisma/client";
import { prisma } from "../db/prisma";
import { sql } from "../db/sql";
import { formatDecimal } from "../instruments/format-decimal";
import { canTransition } from "../orders/order-state-machine";
import { resolveOrderAtVenue } from "../orders/resolve-order-at-venue";
import { statusFromVenue } from "../orders/status-from-venue";
import type { VenuePort } from "../venue/port/venue-port";
import type { VenueOrder } from "../venue/port/venue-types";
import { externalOrderId } from "./external-order-id";
import type { Finding } from "./mismatch-types";
import { SETTLE_MARGIN_MS } from "./settle-margin";

/** An open order missing at the venue is reported only once it is this old (its placement is long settled). */
const MISSING_MIN_AGE_MS = 10_000;

function orderSide(order: Order) {
  return {
    status: order.status,
    filledQuantity: formatDecimal(order.filledQuantity),
    averagePrice: order.averagePrice === null ? null : formatDecimal(order.averagePrice),
    venueOrderId: order.venueOrderId,
  };
}

function venueSide(order: VenueOrder) {
  return {
    status: order.status,
    venueStatus: order.venueStatus,
    filledQuantity: formatDecimal(order.filledQuantity),
    venueOrderId: order.venueOrderId,
  };
}

const notionalOf = (quantity: string, order: Order) =>
  order.price === null ? null : new Decimal(quantity).times(order.price.toString()).toFixed();

/**
 * Every order we hold as not final, by client order id. Pending or unknown ones are settled under the
 * unknown-outcome rule (never placed: resolveOrderAtVenue with "reject"); one still unsettled past the
 * stuck timeout is stuck_pending. A live one the venue shows differently is status_mismatch (healable
 * along the state machine), fill_quantity_mismatch when the venue has less filled than we do (never
 * corrected); one the venue does not know is missing_at_venue, never closed. A failed lookup is no
 * evidence: the order is skipped and the check is incomplete. An order the venue shows ahead by
 * exactly the fills the trade check found missing is not a second difference, and a status change
 * younger than the settle margin is left to the next run.
 */
export async function checkOrders(options: {
  venue: VenuePort;
  now: number;
  stuckMs: number;
  /** Per order id: the quantity of its fills this run found missing (fill_missing_locally). */
  missingFills?: ReadonlyMap<string, Decimal>;
}): Promise<{ findings: Finding[]; orders: number; complete: boolean }> {
  const { venue, now } = options;
  const live = await prisma().order.findMany({
    where: {
      status: { in: ["pending_new", "unknown", "open", "partially_filled"] },
      // A placement whose worker is alive (its key's lease runs) is that worker's to settle.
      NOT: { idempotencyRecord: { state: "in_progress", leaseExpiresAt: { gt: new Date() } } },
    },
    orderBy: { createdAt: "asc" },
  });
  const findings: Finding[] = [];
  let complete = true;
  for (const order of live) {
    try {
      if (order.status === "pending_new" || order.status === "unknown") {
        const settled = await resolveOrderAtVenue({ venue, order, ifAbsent: "reject" });
        if (!settled.settled && now - order.createdAt.getTime() > options.stuckMs) {
          findings.push({
            type: "stuck_pending",
            severity: "warning",
            subject: order.clientOrderId,
            symbol: order.symbol,
            orderId: order.id,
            clientOrderId: order.clientOrderId,
            venueOrderId: order.venueOrderId,
            expected: orderSide(order),
            actual: { order: null, retryAfterMs: settled.retryAfterMs },
            quantityDelta: null,
            notionalDelta: null,
          });
        }
        continue;
      }
      const found = await venue.fetchOrderByClientId({
        symbol: order.symbol,
        clientOrderId: order.clientOrderId,
      });
      if (!found) {
        if (now - order.updatedAt.getTime() < MISSING_MIN_AGE_MS) continue;
        findings.push({
          type: "missing_at_venue",
          severity: "warning",
          subject: order.clientOrderId,
          symbol: order.symbol,
          orderId: order.id,
          clientOrderId: order.clientOrderId,
          venueOrderId: order.venueOrderId,
          expected: orderSide(order),
          actual: { order: null },
          quantityDelta: null,
          notionalDelta: notionalOf(order.quantity.toString(), order),
        });
        continue;
      }
      findings.push(...compareOrder(order, found, { now, missingFill: options.missingFills?.get(order.id) }));
    } catch {
      complete = false; // the venue could not answer: no evidence either way
    }
  }
  return { findings, orders: live.length, complete };
}

function compareOrder(
  order: Order,
  found: VenueOrder,
  context: { now: number; missingFill: Decimal | undefined },
): Finding[] {
  const { missingFill } = context;
  const base = {
    subject: order.clientOrderId,
    symbol: order.symbol,
    orderId: order.id,
    clientOrderId: order.clientOrderId,
    venueOrderId: found.venueOrderId,
    expected: orderSide(order),
    actual: venueSide(found),
  };
  const ours = new Decimal(order.filledQuantity.toString());
  const theirs = new Decimal(found.filledQuantity);
  if (theirs.lt(ours)) {
    const delta = theirs.minus(ours).toFixed();
    return [
      {
        ...base,
        type: "fill_quantity_mismatch",
        severity: "critical",
        quantityDelta: delta,
        notionalDelta: notionalOf(delta, order),
      },
    ];
  }
  const target = statusFromVenue({ status: found.status, filledQuantity: found.filledQuantity });
  if (!target || target === order.status) return [];
  // A venue change younger than the settle margin may still be on its way in the user stream.
  if (found.updatedAt !== null && found.updatedAt > context.now - SETTLE_MARGIN_MS) return [];
  // The venue is ahead by exactly the fills this run found missing, and its status is the one those
  // fills lead to: one difference, reported (and healed) as the fills.
  if (
    missingFill &&
    ours.plus(missingFill).eq(theirs) &&
    (target === "partially_filled" || target === "filled")
  ) {
    return [];
  }
  const delta = theirs.minus(ours).toFixed();
  const allowed = canTransition({ from: order.status, to: target });
  return [
    {
      ...base,
      type: "status_mismatch",
      // A correction the state machine forbids is never automatic: an operator decides.
      severity: allowed ? "warning" : "critical",
      quantityDelta: delta,
      notionalDelta: notionalOf(delta, order),
      ...(allowed ? { heal: { kind: "status_moved" as const, orderId: order.id, venueOrder: found } } : {}),
    },
  ];
}

/**
 * The venue's open orders on our account: one with a client order id we do not know was placed by
 * someone else: it is recorded (origin external, deterministic id) and reported as
 * unknown_at_venue_order, never adopted silently. Two venue orders with one client order id are
 * duplicate_venue_orders.
 */
export async function checkOpenOrders(options: {
  venue: VenuePort;
}): Promise<{ findings: Finding[]; open: number }> {
  const { venue } = options;
  const open = await venue.fetchOpenOrders();
  const findings: Finding[] = [];
  const byClientId = new Map<string, VenueOrder[]>();
  for (const order of open) {
    if (order.clientOrderId)
      byClientId.set(order.clientOrderId, [...(byClientId.get(order.clientOrderId) ?? []), order]);
  }
  for (const [clientOrderId, orders] of byClientId) {
    if (orders.length < 2) continue;
    findings.push({
      type: "duplicate_venue_orders",
      severity: "critical",
      subject: clientOrderId,
      symbol: orders[0]?.symbol ?? null,
      orderId: null,
      clientOrderId,
      venueOrderId: orders.map((order) => order.venueOrderId).join(","),
      expected: { venueOrders: 1 },
      actual: { venueOrders: orders.map(venueSide) },
      quantityDelta: null,
      notionalDelta: null,
    });
  }
  // Ours: Tally's and webhook orders. One recorded as external stays reported on every run while it
  // is open at the venue, until an operator acknowledges or accepts it (recording it is no adoption).
  const known = await sql().$queryRaw<{ clientOrderId: string; venueOrderId: string | null }[]>`
    SELECT "clientOrderId", "venueOrderId" FROM "Order"
    WHERE origin <> 'external'::"OrderOrigin"
      AND ("clientOrderId" = ANY(${open.flatMap((order) => order.clientOrderId ?? [])})
           OR (venue = ${venue.venue} AND "venueOrderId" = ANY(${open.map((order) => order.venueOrderId)})))`;
  const knownIds = new Set(known.flatMap((row) => [row.clientOrderId, row.venueOrderId ?? ""]));
  for (const order of open) {
    if ((order.clientOrderId && knownIds.has(order.clientOrderId)) || knownIds.has(order.venueOrderId))
      continue;
    await recordExternalOrder(venue.venue, order);
    findings.push({
      type: "unknown_at_venue_order",
      severity: "warning",
      subject: `venue:${order.venueOrderId}`,
      symbol: order.symbol,
      orderId: externalOrderId(venue.venue, order.venueOrderId),
      clientOrderId: order.clientOrderId,
      venueOrderId: order.venueOrderId,
      expected: { order: null },
      // What the operator needs to find whoever placed it: the order as the venue holds it.
      actual: {
        ...venueSide(order),
        side: order.side,
        quantity: formatDecimal(order.quantity),
        price: order.price === null ? null : formatDecimal(order.price),
      },
      quantityDelta: formatDecimal(order.quantity),
      notionalDelta: order.price === null ? null : new Decimal(order.quantity).times(order.price).toFixed(),
    });
  }
  return { findings, open: open.length };
}

/** Stores someone else's open order as we read it (origin external), once. */
async function recordExternalOrder(venue: string, order: VenueOrder): Promise<void> {
  const status = statusFromVenue({ status: order.status, filledQuantity: order.filledQuantity }) ?? "open";
  const type = order.type === "market" ? "market" : "limit";
  const timeInForce =
    type === "limit" && ["GTC", "IOC", "FOK"].includes(order.timeInForce ?? "") ? order.timeInForce : null;
  await sql().$executeRaw`
    INSERT INTO "Order" (id, "clientOrderId", venue, "venueOrderId", symbol, side, type, "timeInForce", quantity, price,
                         "filledQuantity", status, origin, "createdAt", "updatedAt")
    SELECT ${externalOrderId(venue, order.venueOrderId)}::uuid, ${order.clientOrderId ?? `external-${order.venueOrderId}`},
           ${venue}, ${order.venueOrderId}, ${order.symbol}, ${order.side}::"OrderSide", ${type}::"OrderType",
           ${timeInForce}::"TimeInForce", ${order.quantity}::numeric, ${order.price}::numeric,
           ${order.filledQuantity}::numeric, ${status}::"OrderStatus", 'external'::"OrderOrigin", now(), now()
    WHERE EXISTS (SELECT 1 FROM "Instrument" WHERE symbol = ${order.symbol})
    ON CONFLICT DO NOTHING`;
}
