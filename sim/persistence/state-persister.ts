import type { MatchingEngine } from "../engine/matching-engine.js";
import { saveState } from "./state-file.js";

export type StatePersister = { close(): void };

/**
 * Saves the engine's accounts' state at most every `intervalMs` while it changes, and once more at
 * close. Polling a revision counter rather than listening to events also catches resets.
 */
export function persistState(engine: MatchingEngine, file: string, intervalMs = 200): StatePersister {
  let saved = engine.accountRevision;
  const save = () => {
    saved = engine.accountRevision;
    saveState(file, engine.snapshot());
  };
  const timer = setInterval(() => {
    if (engine.accountRevision === saved) return;
    try {
      save();
    } catch (error) {
      console.error(`sim: could not save the venue state to ${file}:`, error);
    }
  }, intervalMs);
  timer.unref();
  return {
    close: () => {
      clearInterval(timer);
      save();
    },
  };
}
