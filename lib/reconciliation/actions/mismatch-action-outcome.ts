import type { MismatchView } from "../read/mismatch-view";
import type { MismatchAction } from "./mismatch-actions";

/**
 * What came of an action on a mismatch, stored with its idempotency record and presented by lib/http
 * (present-outcome.ts): the mismatch as the action left it, or refused because its status does not
 * allow the action (the mismatch as it is).
 */
export type MismatchActionOutcome =
  | { kind: "mismatch_changed"; action: MismatchAction; mismatch: MismatchView }
  | {
      kind: "mismatch_state_conflict";
      action: MismatchAction;
      mismatch: MismatchView;
      requestId: string | null;
    };

export const MISMATCH_OUTCOME_KINDS: readonly string[] = ["mismatch_changed", "mismatch_state_conflict"];
