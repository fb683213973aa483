"use client";

import { type EventStreamState, useInvalidatingEvents } from "../events/use-invalidating-events";
import { RECONCILIATION_KEY } from "./reconciliation-queries";

/** A new mismatch, an operator's action, a run finishing or a breach; fills move balances. */
const RECONCILIATION_EVENTS = [
  "mismatch.raised",
  "mismatch.updated",
  "reconciliation.run_finished",
  "reconciliation.breach",
  "fill.created",
] as const;

/** Keeps every reconciliation query fresh for every connected operator. */
export function useReconciliationEvents(): EventStreamState {
  return useInvalidatingEvents({
    events: RECONCILIATION_EVENTS,
    queryKey: RECONCILIATION_KEY,
    minRefreshIntervalMs: 500,
  });
}
