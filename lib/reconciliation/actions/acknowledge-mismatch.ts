import { actOnMismatch, type MismatchActionRequest, moveMismatch } from "./act-on-mismatch";

/** Acknowledge: someone is on it. The mismatch stays unresolved (the engine may still clear or heal it). */
export function acknowledgeMismatch(options: MismatchActionRequest) {
  return actOnMismatch({
    ...options,
    action: "acknowledge",
    prepare: async () => undefined,
    apply: async ({ tx, mismatch }) => {
      await moveMismatch({
        tx,
        mismatch,
        action: "acknowledge",
        actor: options.principal.name,
        note: null,
        resolution: null,
      });
      return {};
    },
  });
}
