import type {
  MismatchSeverity,
  MismatchStatus,
  MismatchType,
} from "@/lib/reconciliation/read/mismatch-vocabulary";

/** The dashboard's words for each type: what differs, in one line. */
export const TYPE_LABELS: Record<MismatchType, string> = {
  missing_at_venue: "Order missing at venue",
  unknown_at_venue_order: "Order placed outside Tally",
  status_mismatch: "Order status differs",
  fill_missing_locally: "Fill missing in Tally",
  fill_missing_at_venue: "Fill missing at venue",
  fill_quantity_mismatch: "Filled quantity differs",
  price_or_fee_mismatch: "Fill price or fee differs",
  duplicate_venue_orders: "Duplicate venue orders",
  stuck_pending: "Order stuck pending",
  balance_drift: "Balance drift",
};

export const STATUS_TEXT: Record<MismatchStatus, string> = {
  open: "open",
  acknowledged: "acknowledged",
  resolved: "resolved",
  accepted: "accepted",
  auto_resolved: "auto-resolved",
};

export const SEVERITY_TEXT: Record<MismatchSeverity, string> = {
  critical: "critical",
  warning: "warning",
  info: "info",
};

export const typeLabel = (type: string) => TYPE_LABELS[type as MismatchType] ?? type;
export const statusText = (status: string) => STATUS_TEXT[status as MismatchStatus] ?? status;

/** Age as an operator reads it: 45s, 12m, 3h, 2d. */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
