/**
 * Venue changes younger than this are left to the next run: the user stream is probably delivering
 * them right now, and a run racing it would report (and maybe halt on) a difference that is not one.
 */
export const SETTLE_MARGIN_MS = 5_000;
