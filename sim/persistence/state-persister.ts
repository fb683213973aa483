import type { EngineSnapshot, MatchingEngine } from "../engine/matching-engine.js";
import { saveState } from "./state-file.js";

export type StatePersister = { close(): void };

export interface PersistOptions {
  intervalMs?: number;
  /** Milliseconds clock used to measure saves (tests replace it). */
  now?: () => number;
  write?: (file: string, snapshot: EngineSnapshot) => void;
}

/** A save of a large state (a seeded history) takes long; waiting nine times its duration keeps saving under a tenth of a core. */
const WAIT_PER_SAVE_MS = 9;

/**
 * Saves the engine's accounts' state at most every `intervalMs` (and no more often than the
 * saves' own cost allows) while it changes, and once more at close. Polling a revision counter
 * rather than listening to events also catches resets.
 */
export function persistState(
  engine: Pick<MatchingEngine, "accountRevision" | "snapshot">,
  file: string,
  { intervalMs = 200, now = () => performance.now(), write = saveState }: PersistOptions = {},
): StatePersister {
  let saved = engine.accountRevision;
  let nextSaveAt = 0;
  const save = () => {
    saved = engine.accountRevision;
    const started = now();
    write(file, engine.snapshot());
    const finished = now();
    nextSaveAt = finished + (finished - started) * WAIT_PER_SAVE_MS;
  };
  const timer = setInterval(() => {
    if (engine.accountRevision === saved || now() < nextSaveAt) return;
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
