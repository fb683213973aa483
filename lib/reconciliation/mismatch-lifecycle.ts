import type { MismatchStatus } from "./read/mismatch-vocabulary";

/**
 * open -> acknowledged -> resolved | accepted; open/acknowledged -> auto_resolved (the engine applied
 * the correction) or resolved "cleared at venue" (the engine saw the difference go). Final states stay.
 */
const NEXT: Record<MismatchStatus, readonly MismatchStatus[]> = {
  open: ["acknowledged", "resolved", "accepted", "auto_resolved"],
  acknowledged: ["resolved", "accepted", "auto_resolved"],
  resolved: [],
  accepted: [],
  auto_resolved: [],
};

export function canMoveMismatch(from: MismatchStatus, to: MismatchStatus): boolean {
  return NEXT[from].includes(to);
}
