import { actOnMismatch, type MismatchActionRequest, moveMismatch } from "./act-on-mismatch";

/**
 * Accept: the difference stands as it is. Its fingerprint (type, subject, deltas) stays on the row, so
 * the engine does not raise the same difference again; the evidence accepted goes into the timeline.
 */
export function acceptMismatch(options: MismatchActionRequest & { note: string }) {
  return actOnMismatch({
    ...options,
    action: "accept",
    prepare: async () => undefined,
    apply: async ({ tx, mismatch }) => {
      await moveMismatch({
        tx,
        mismatch,
        action: "accept",
        actor: options.principal.name,
        note: options.note,
        resolution: "accepted as is",
        data: { fingerprint: mismatch.fingerprint, expected: mismatch.expected, actual: mismatch.actual },
      });
      return { fingerprint: mismatch.fingerprint };
    },
  });
}
