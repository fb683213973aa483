/** The Audit page's filters as they stand in the URL, as text (the API validates them). */
export type AuditFilters = {
  actor: string;
  action: string;
  target: string;
  /** ISO 8601 date-time with a zone, or "". */
  from: string;
  to: string;
};

export const NO_AUDIT_FILTERS: AuditFilters = { actor: "", action: "", target: "", from: "", to: "" };

const NAMES = ["actor", "action", "target", "from", "to"] as const;

type ReadableParams = Pick<URLSearchParams, "get">;

export function readAuditFilters(params: ReadableParams): AuditFilters {
  const read = (name: (typeof NAMES)[number]) => params.get(name)?.trim() ?? "";
  // A hand-typed `+02:00` offset arrives as a space, because `+` means space in a query string.
  const dateTime = (name: "from" | "to") => read(name).replace(/ (\d{2}:?\d{2})$/, "+$1");
  return {
    actor: read("actor"),
    action: read("action"),
    target: read("target"),
    from: dateTime("from"),
    to: dateTime("to"),
  };
}

/** The query string (without `?`) for these filters, empty ones left out, in a fixed order. */
export function auditSearch(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const name of NAMES) if (filters[name] !== "") params.set(name, filters[name]);
  return params.toString();
}

export const hasActiveAuditFilters = (filters: AuditFilters) => NAMES.some((name) => filters[name] !== "");
