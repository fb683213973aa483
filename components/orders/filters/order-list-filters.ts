import type { OrderStatus } from "@/lib/orders/order-wire-schema";

/** Every status the API knows, in lifecycle order: the order of the Status checkboxes and of the URL. */
export const ORDER_STATUSES: readonly OrderStatus[] = [
  "pending_new",
  "open",
  "partially_filled",
  "unknown",
  "filled",
  "canceled",
  "rejected",
  "expired",
];

/**
 * The Orders page's filters exactly as they stand in the URL, as text. Nothing is dropped or coerced
 * here, so a mistyped shared link is reported by validation instead of silently showing more orders.
 */
export type OrderListFilters = {
  statuses: string[];
  symbol: string;
  side: string;
  /** tally, webhook or external (placed on our account outside Tally), or "". */
  origin: string;
  /** ISO 8601 date-time with a zone (the URL is shared across time zones), or "". */
  from: string;
  to: string;
  /** Page size; not a visible control, but a link may set it. */
  limit: string;
};

export const NO_FILTERS: OrderListFilters = {
  statuses: [],
  symbol: "",
  side: "",
  origin: "",
  from: "",
  to: "",
  limit: "",
};

type ReadableParams = Pick<URLSearchParams, "get" | "getAll">;

const text = (params: ReadableParams, name: string) => params.get(name)?.trim() ?? "";

/** A hand-typed `+02:00` offset arrives as a space, because `+` means space in a query string. */
const dateTime = (params: ReadableParams, name: string) =>
  text(params, name).replace(/ (\d{2}:?\d{2})$/, "+$1");

export function readOrderListFilters(params: ReadableParams): OrderListFilters {
  const statuses = params
    .getAll("status")
    .flatMap((value) => value.split(","))
    .map((status) => status.trim())
    .filter(Boolean);
  return {
    statuses: [...new Set(statuses)],
    symbol: text(params, "symbol"),
    side: text(params, "side"),
    origin: text(params, "origin"),
    from: dateTime(params, "from"),
    to: dateTime(params, "to"),
    limit: text(params, "limit"),
  };
}

/** Keeps `/`, `,` and `:` readable in a link; everything else (notably `+`) is escaped. */
const encode = (value: string) =>
  encodeURIComponent(value).replace(/%2F/gi, "/").replace(/%2C/gi, ",").replace(/%3A/gi, ":");

/** The query string (without `?`) for these filters, empty ones left out, in a fixed order. */
export function orderListSearch(filters: OrderListFilters): string {
  const pairs: [string, string][] = [
    ["status", filters.statuses.join(",")],
    ["symbol", filters.symbol],
    ["side", filters.side],
    ["origin", filters.origin],
    ["from", filters.from],
    ["to", filters.to],
    ["limit", filters.limit],
  ];
  return pairs
    .filter(([, value]) => value !== "")
    .map(([name, value]) => `${name}=${encode(value)}`)
    .join("&");
}

/** Adds or removes one status, keeping known statuses in lifecycle order and unknown ones after them. */
export function toggleStatus(statuses: readonly string[], status: OrderStatus, checked: boolean): string[] {
  const chosen = new Set(statuses);
  if (checked) chosen.add(status);
  else chosen.delete(status);
  const known = ORDER_STATUSES.filter((candidate) => chosen.has(candidate));
  const unknown = [...chosen].filter(
    (candidate) => !(ORDER_STATUSES as readonly string[]).includes(candidate),
  );
  return [...known, ...unknown];
}

/** True when any filter narrows the list (the page size is not a filter). */
export function hasActiveFilters(filters: OrderListFilters): boolean {
  return (
    filters.statuses.length > 0 ||
    filters.symbol !== "" ||
    filters.side !== "" ||
    filters.origin !== "" ||
    filters.from !== "" ||
    filters.to !== ""
  );
}

/** What "Clear filters" leaves: no filters, the same page size. */
export function clearedFilters(filters: OrderListFilters): OrderListFilters {
  return { ...NO_FILTERS, limit: filters.limit };
}
