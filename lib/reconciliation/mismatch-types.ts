import type { MismatchSeverity, MismatchType } from "./read/mismatch-vocabulary";

export type { MismatchType };
export type Severity = MismatchSeverity;

/** A difference one run found, before it is recorded. */
export interface Finding {
  type: MismatchType;
  severity: Severity;
  /** What it is about, unique per type: a client order id, a venue trade id, an asset. */
  subject: string;
  symbol: string | null;
  orderId: string | null;
  clientOrderId: string | null;
  venueOrderId: string | null;
  /** Ours. */
  expected: Record<string, unknown>;
  /** The venue's. */
  actual: Record<string, unknown>;
  quantityDelta: string | null;
  notionalDelta: string | null;
  /** A correction the evidence supports and the engine may apply below the auto-heal threshold. */
  heal?: Heal;
}

/** The venue evidence an adjustment applies. */
export type Heal =
  | { kind: "fill_inserted"; orderId: string; trade: import("../venue/port/venue-types").VenueTrade }
  | { kind: "status_moved"; orderId: string; venueOrder: import("../venue/port/venue-types").VenueOrder };

/** The checks of a run; a type is cleared ("cleared at venue") only when the check that raises it ran in full. */
export type Check = "orders" | "open_orders" | "trades" | "balances";

export const CHECK_OF_TYPE: Record<MismatchType, Check> = {
  missing_at_venue: "orders",
  status_mismatch: "orders",
  fill_quantity_mismatch: "orders",
  stuck_pending: "orders",
  unknown_at_venue_order: "open_orders",
  duplicate_venue_orders: "open_orders",
  fill_missing_locally: "trades",
  fill_missing_at_venue: "trades",
  price_or_fee_mismatch: "trades",
  balance_drift: "balances",
};
