/**
 * The Idempotency-Key of one order ticket (or one cancel), as a pure state machine.
 *
 * A key names one intended request. It is kept for every retry of that request, automatic or
 * manual, so the server can answer a resend with the stored outcome instead of acting twice. It is
 * replaced only once the outcome is definitive (nothing a resend could change) or when the request
 * itself changes (an edited order is a new request). New keys come from the caller so the machine
 * stays deterministic and testable.
 *
 * After an order is placed the ticket holds until it is edited or reset: a click or Enter that
 * arrives after the answer (the tail of a burst, a held key, a slow machine) would otherwise carry
 * the fresh key and place a second, identical order nobody meant.
 */
export type KeyLifecycle = {
  /** The key the next submission will carry. */
  readonly key: string;
  /** in_flight and placed refuse further submissions; only ready sends. */
  readonly phase: "ready" | "in_flight" | "placed";
};

/** placed: definitive and the order exists; definitive: settled otherwise (rejected, refused). */
export type SubmissionOutcome = "placed" | "definitive" | "indefinite";

export function openKeyLifecycle(newKey: string): KeyLifecycle {
  return { key: newKey, phase: "ready" };
}

/** Starts a submission with the current key, or returns null when the ticket must not send now. */
export function beginSubmission(state: KeyLifecycle): { state: KeyLifecycle; key: string } | null {
  if (state.phase !== "ready") return null;
  return { state: { ...state, phase: "in_flight" }, key: state.key };
}

/**
 * The request changed (or the ticket was reset): a new request with a new key. A submission
 * already in flight keeps the key it was sent with and still blocks sending until it settles.
 */
export function requestEdited(state: KeyLifecycle, newKey: string): KeyLifecycle {
  return { key: newKey, phase: state.phase === "in_flight" ? "in_flight" : "ready" };
}

/**
 * The submission ended. After a definitive outcome the key is spent; after an indefinite one
 * (network failure, still in progress, awaiting the venue) it is kept so a resend is a retry.
 */
export function settleSubmission(
  state: KeyLifecycle,
  outcome: SubmissionOutcome,
  sentKey: string,
  newKey: string,
): KeyLifecycle {
  // Edited while in flight: the current key already belongs to the new request, whatever happened to the old one.
  if (state.key !== sentKey) return { key: state.key, phase: "ready" };
  if (outcome === "indefinite") return { key: state.key, phase: "ready" };
  return { key: newKey, phase: outcome === "placed" ? "placed" : "ready" };
}
