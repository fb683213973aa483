import type { MismatchDetail } from "@/lib/reconciliation/read/get-mismatch-or-throw";
import type { MismatchView } from "@/lib/reconciliation/read/mismatch-view";
import type { BalanceRow } from "@/lib/reconciliation/read/read-balances";
import type { ReconciliationSummary } from "@/lib/reconciliation/read/reconciliation-summary";
import type { RunView } from "@/lib/reconciliation/read/run-view";
import { apiFetch } from "../api/api-client";

export type { BalanceRow, MismatchDetail, MismatchView, ReconciliationSummary, RunView };

/** Every reconciliation query lives under this prefix: one invalidation refreshes the dashboard. */
export const RECONCILIATION_KEY = ["reconciliation"] as const;
/** Safety net under the event stream, which may be down or may have dropped an event. */
export const RECONCILIATION_POLL_MS = 15_000;

export const summaryQuery = {
  queryKey: [...RECONCILIATION_KEY, "summary"] as const,
  queryFn: () => apiFetch<ReconciliationSummary>("/api/reconciliation/summary?bucket=hour"),
  refetchInterval: RECONCILIATION_POLL_MS,
};

export const runsQuery = {
  queryKey: [...RECONCILIATION_KEY, "runs"] as const,
  queryFn: () =>
    apiFetch<{ runs: RunView[]; nextCursor: string | null }>("/api/reconciliation/runs?limit=10"),
  refetchInterval: RECONCILIATION_POLL_MS,
};

export const mismatchDetailQuery = (id: string) => ({
  queryKey: [...RECONCILIATION_KEY, "mismatch", id] as const,
  queryFn: async () =>
    (await apiFetch<{ mismatch: MismatchDetail }>(`/api/reconciliation/mismatches/${encodeURIComponent(id)}`))
      .mismatch,
});

export const balancesQuery = {
  queryKey: [...RECONCILIATION_KEY, "balances"] as const,
  queryFn: () => apiFetch<{ balances: BalanceRow[] }>("/api/balances"),
  refetchInterval: RECONCILIATION_POLL_MS,
};

export type MismatchListPage = { mismatches: MismatchView[]; nextCursor: string | null };
