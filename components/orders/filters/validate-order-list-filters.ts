import type { OrderSide, OrderStatus } from "@/lib/orders/order-wire-schema";
import { ORDER_STATUSES, type OrderListFilters } from "./order-list-filters";

/** What `GET /api/orders` is asked for: only ever built from filters that passed validation. */
export type OrderListQuery = {
  statuses: OrderStatus[];
  symbol?: string;
  side?: OrderSide;
  origin?: OrderOrigin;
  /** Normalised to UTC (`toISOString`), so equal instants share one cache entry. */
  from?: string;
  to?: string;
  limit?: number;
};

export type OrderListFilterField = "status" | "symbol" | "side" | "origin" | "from" | "to" | "limit";
export type OrderListFilterErrors = Partial<Record<OrderListFilterField, string>>;

export type OrderListFilterValidation =
  | { ok: true; query: OrderListQuery }
  | { ok: false; errors: OrderListFilterErrors };

/** The API's limits (app/api/orders/route.ts). */
export const MAX_LIMIT = 200;
const MAX_SYMBOL_LENGTH = 40;

// What the API accepts (zod `iso.datetime({ offset: true })`): a date, a time and a zone.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function parseDateTime(value: string): Date | null {
  if (!ISO_DATE_TIME.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Who placed an order: Tally's ticket, a webhook, or someone outside Tally (found by reconciliation). */
export const ORDER_ORIGINS = ["tally", "webhook", "external"] as const;
type OrderOrigin = (typeof ORDER_ORIGINS)[number];
const isOrigin = (value: string): value is OrderOrigin =>
  (ORDER_ORIGINS as readonly string[]).includes(value);

const isStatus = (value: string): value is OrderStatus =>
  (ORDER_STATUSES as readonly string[]).includes(value);

/**
 * Checks the filters before anything is sent: unknown statuses or side, date-times the API would
 * refuse, a From that is not before To (the API's range is From inclusive, To exclusive, so an equal
 * pair can match nothing) and a page size outside 1 to 200.
 */
export function validateOrderListFilters(filters: OrderListFilters): OrderListFilterValidation {
  const errors: OrderListFilterErrors = {};

  const unknown = filters.statuses.filter((status) => !isStatus(status));
  if (unknown.length > 0)
    errors.status = `Unknown status ${unknown.map((status) => `"${status}"`).join(", ")}`;

  if (filters.symbol.length > MAX_SYMBOL_LENGTH)
    errors.symbol = `Symbol must be at most ${MAX_SYMBOL_LENGTH} characters`;

  if (filters.side !== "" && filters.side !== "buy" && filters.side !== "sell")
    errors.side = `Side must be buy or sell, not "${filters.side}"`;

  if (filters.origin !== "" && !isOrigin(filters.origin))
    errors.origin = `Origin must be ${ORDER_ORIGINS.join(", ")}, not "${filters.origin}"`;

  const from = filters.from === "" ? undefined : parseDateTime(filters.from);
  const to = filters.to === "" ? undefined : parseDateTime(filters.to);
  if (from === null) errors.from = "From must be a date and time";
  if (to === null) errors.to = "To must be a date and time";
  if (from && to && from.getTime() >= to.getTime()) errors.to = "To must be later than From";

  let limit: number | undefined;
  if (filters.limit !== "") {
    limit = /^\d+$/.test(filters.limit) ? Number(filters.limit) : Number.NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT))
      errors.limit = `The page size (limit) must be a whole number from 1 to ${MAX_LIMIT}`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    query: {
      statuses: ORDER_STATUSES.filter((status) => filters.statuses.includes(status)),
      ...(filters.symbol ? { symbol: filters.symbol } : {}),
      ...(filters.side === "buy" || filters.side === "sell" ? { side: filters.side } : {}),
      ...(isOrigin(filters.origin) ? { origin: filters.origin } : {}),
      ...(from ? { from: from.toISOString() } : {}),
      ...(to ? { to: to.toISOString() } : {}),
      ...(limit !== undefined ? { limit } : {}),
    },
  };
}
