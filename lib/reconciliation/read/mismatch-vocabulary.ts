// Browser-safe: the engine, the read API and the UI share these lists.

export const MISMATCH_STATUSES = ["open", "acknowledged", "resolved", "accepted", "auto_resolved"] as const;
export type MismatchStatus = (typeof MISMATCH_STATUSES)[number];

/** Statuses of a mismatch still to be dealt with (the partial unique index keeps one per type and subject). */
export const UNRESOLVED_MISMATCH_STATUSES = [
  "open",
  "acknowledged",
] as const satisfies readonly MismatchStatus[];

export const MISMATCH_TYPES = [
  "missing_at_venue",
  "unknown_at_venue_order",
  "status_mismatch",
  "fill_missing_locally",
  "fill_missing_at_venue",
  "fill_quantity_mismatch",
  "price_or_fee_mismatch",
  "duplicate_venue_orders",
  "stuck_pending",
  "balance_drift",
] as const;
export type MismatchType = (typeof MISMATCH_TYPES)[number];

/** Most severe first: the order of the `severity` sort. */
export const MISMATCH_SEVERITIES = ["critical", "warning", "info"] as const;
export type MismatchSeverity = (typeof MISMATCH_SEVERITIES)[number];

export const MISMATCH_SORTS = ["lastSeenAt", "firstSeenAt", "severity"] as const;
export type MismatchSort = (typeof MISMATCH_SORTS)[number];

export const RUN_STATUSES = ["running", "completed", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_TRIGGERS = ["startup", "periodic", "reconnect", "manual"] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
