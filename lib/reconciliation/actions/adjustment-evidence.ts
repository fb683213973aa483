import type { Mismatch } from "../../db/generated/prisma/client";
import { prisma } from "../../db/prisma";
import { DomainError } from "../../errors/domain-error";
import type { VenuePort } from "../../venue/port/venue-port";
import type { VenueOrder, VenueTrade } from "../../venue/port/venue-types";
import type { Heal } from "../mismatch-types";
import { ADJUSTABLE_TYPES } from "./mismatch-actions";

const notAdjustable = (detail: string) =>
  new DomainError({ kind: "conflict", code: "mismatch_not_adjustable", detail });

/** The venue's order as it is now, read before the adjustment's transaction (null for other types). */
export async function readVenueEvidence(options: {
  venue: VenuePort;
  mismatchId: string;
}): Promise<VenueOrder | null> {
  const mismatch = await prisma().mismatch.findUnique({ where: { id: options.mismatchId } });
  if (mismatch?.type !== "status_mismatch") return null;
  if (!mismatch.symbol || !mismatch.clientOrderId) throw notAdjustable("The mismatch names no order");
  return options.venue.fetchOrderByClientId({
    symbol: mismatch.symbol,
    clientOrderId: mismatch.clientOrderId,
  });
}

/**
 * The correction the evidence supports: the venue's trade as recorded on a fill_missing_locally
 * mismatch, or the venue's order as just read for a status_mismatch. Other types have no correction
 * Tally can apply (mismatch_not_adjustable).
 */
export function healFromEvidence(mismatch: Mismatch, venueOrder: VenueOrder | null): Heal {
  if (!ADJUSTABLE_TYPES.includes(mismatch.type) || !mismatch.orderId)
    throw notAdjustable(`A ${mismatch.type} has no correction Tally can apply: resolve or accept it`);
  if (mismatch.type === "status_mismatch") {
    if (!venueOrder)
      throw notAdjustable("The venue no longer knows this order: there is no evidence to apply");
    return { kind: "status_moved", orderId: mismatch.orderId, venueOrder };
  }
  const actual = mismatch.actual as Record<string, string | null>;
  if (!actual.tradeId || !actual.price || !actual.quantity || !mismatch.symbol)
    throw notAdjustable("The mismatch holds no venue trade to insert");
  const trade: VenueTrade = {
    tradeId: actual.tradeId,
    venueOrderId: actual.venueOrderId ?? mismatch.venueOrderId,
    clientOrderId: mismatch.clientOrderId,
    symbol: mismatch.symbol,
    side: null,
    price: actual.price,
    quantity: actual.quantity,
    quoteQuantity: null,
    fee: actual.fee && actual.feeAsset ? { amount: actual.fee, currency: actual.feeAsset } : null,
    liquidity: null,
    timestamp: actual.at ? Date.parse(actual.at) : null,
  };
  return { kind: "fill_inserted", orderId: mismatch.orderId, trade };
}
