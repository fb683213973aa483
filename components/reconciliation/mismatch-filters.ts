import {
  MISMATCH_SEVERITIES,
  MISMATCH_SORTS,
  MISMATCH_STATUSES,
  MISMATCH_TYPES,
  UNRESOLVED_MISMATCH_STATUSES,
} from "@/lib/reconciliation/read/mismatch-vocabulary";

/** The mismatch table's filters as they stand in the URL, plus the mismatch open in the detail view. */
export type MismatchFilters = {
  statuses: string[];
  types: string[];
  severities: string[];
  symbol: string;
  sort: string;
  /** The mismatch shown in the detail view, or "". */
  selected: string;
};

/** Without a status in the URL the table shows what is still to be dealt with. */
export const DEFAULT_STATUSES: readonly string[] = UNRESOLVED_MISMATCH_STATUSES;

type ReadableParams = Pick<URLSearchParams, "get" | "getAll">;

const list = (params: ReadableParams, name: string) => [
  ...new Set(
    params
      .getAll(name)
      .flatMap((value) => value.split(","))
      .map((value) => value.trim())
      .filter(Boolean),
  ),
];

export function readMismatchFilters(params: ReadableParams): MismatchFilters {
  const statuses = list(params, "status");
  return {
    statuses: params.get("status") === null ? [...DEFAULT_STATUSES] : statuses,
    types: list(params, "type"),
    severities: list(params, "severity"),
    symbol: params.get("symbol")?.trim() ?? "",
    sort: params.get("sort")?.trim() || "severity",
    selected: params.get("mismatch")?.trim() ?? "",
  };
}

const encode = (value: string) => encodeURIComponent(value).replace(/%2F/gi, "/").replace(/%2C/gi, ",");

/** The query string (without `?`); "status=" (every status) is kept, since no status means unresolved. */
export function mismatchSearch(filters: MismatchFilters): string {
  const defaultStatuses = filters.statuses.join(",") === DEFAULT_STATUSES.join(",");
  const pairs: [string, string | null][] = [
    ["status", defaultStatuses ? null : filters.statuses.join(",")],
    ["type", filters.types.join(",") || null],
    ["severity", filters.severities.join(",") || null],
    ["symbol", filters.symbol || null],
    ["sort", filters.sort === "severity" ? null : filters.sort],
    ["mismatch", filters.selected || null],
  ];
  return pairs
    .filter((pair): pair is [string, string] => pair[1] !== null)
    .map(([name, value]) => `${name}=${encode(value)}`)
    .join("&");
}

const known = (values: readonly string[], allowed: readonly string[]) =>
  values.filter((v) => allowed.includes(v));

/** `GET /api/reconciliation/mismatches` for one page: values the API does not know are left out. */
export function mismatchListPath(filters: MismatchFilters, cursor: string | null, limit = 25): string {
  const params = new URLSearchParams();
  const statuses = known(filters.statuses, MISMATCH_STATUSES);
  if (statuses.length > 0) params.set("status", statuses.join(","));
  const types = known(filters.types, MISMATCH_TYPES);
  if (types.length > 0) params.set("type", types.join(","));
  const severities = known(filters.severities, MISMATCH_SEVERITIES);
  if (severities.length > 0) params.set("severity", severities.join(","));
  if (filters.symbol) params.set("symbol", filters.symbol);
  params.set(
    "sort",
    (MISMATCH_SORTS as readonly string[]).includes(filters.sort) ? filters.sort : "severity",
  );
  params.set("limit", String(limit));
  if (cursor) params.set("cursor", cursor);
  return `/api/reconciliation/mismatches?${params.toString()}`;
}

/** Adds or removes one value of a multi-choice filter, in the vocabulary's order. */
export function toggle(values: readonly string[], value: string, on: boolean, order: readonly string[]) {
  const chosen = new Set(values);
  if (on) chosen.add(value);
  else chosen.delete(value);
  return order.filter((v) => chosen.has(v));
}
