// Browser-safe: the action routes and the dashboard's forms share these.
import type { MismatchStatus } from "../read/mismatch-vocabulary";

export const MISMATCH_ACTIONS = ["acknowledge", "resolve", "accept", "adjust"] as const;
export type MismatchAction = (typeof MISMATCH_ACTIONS)[number];

/** The status each action moves a mismatch to, the least role it takes, and whether it needs a note. */
export const MISMATCH_ACTION_RULES: Record<
  MismatchAction,
  { to: MismatchStatus; role: "trader" | "risk"; note: boolean }
> = {
  acknowledge: { to: "acknowledged", role: "trader", note: false },
  resolve: { to: "resolved", role: "risk", note: true },
  accept: { to: "accepted", role: "risk", note: true },
  // A trader may adjust up to the auto-heal threshold; the action checks it.
  adjust: { to: "resolved", role: "trader", note: true },
};

/** Mismatch types an adjustment can correct from the venue's evidence. */
export const ADJUSTABLE_TYPES: readonly string[] = ["status_mismatch", "fill_missing_locally"];

export const MAX_NOTE_LENGTH = 2000;
