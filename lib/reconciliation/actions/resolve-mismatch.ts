import { actOnMismatch, type MismatchActionRequest, moveMismatch } from "./act-on-mismatch";

/** Resolve: the operator fixed the difference outside Tally; the note says how. */
export function resolveMismatch(options: MismatchActionRequest & { note: string }) {
  return actOnMismatch({
    ...options,
    action: "resolve",
    prepare: async () => undefined,
    apply: async ({ tx, mismatch }) => {
      await moveMismatch({
        tx,
        mismatch,
        action: "resolve",
        actor: options.principal.name,
        note: options.note,
        resolution: "resolved by operator",
      });
      return {};
    },
  });
}
