import { env } from "../env";
import { logger } from "../observability/logger";
import type { BackgroundService } from "../runtime/background-service";
import type { VenuePort } from "../venue/port/venue-port";
import type { RunTrigger } from "./run-lease";
import { runReconciliation } from "./run-reconciliation";

export interface ReconciliationService extends BackgroundService {
  /** Starts a run now (or joins the running one): after a venue stream reconnect, for example. */
  trigger(trigger: RunTrigger): void;
}

/**
 * Runs reconciliation at start-up, every RECONCILIATION_INTERVAL_SECONDS, and when triggered (a
 * venue stream reconnect gap-fills everything since the cursors). One pass at a time per process;
 * across instances the run lease decides, and a trigger while a run is going on joins it.
 */
export function reconciliationService(options: {
  venue: VenuePort;
  intervalMs?: number;
}): ReconciliationService {
  const intervalMs = options.intervalMs ?? env().RECONCILIATION_INTERVAL_SECONDS * 1_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let running: Promise<void> | null = null;
  let pending: RunTrigger | null = null;
  const pass = (trigger: RunTrigger): Promise<void> => {
    if (running) {
      pending = trigger;
      return running;
    }
    running = runReconciliation({ venue: options.venue, trigger })
      .then(() => undefined)
      .catch((error: unknown) => logger.warn({ err: error, trigger }, "reconciliation run could not start"))
      .finally(() => {
        running = null;
        const next = pending;
        pending = null;
        if (next && !stopped) void pass(next);
      });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void pass("periodic").finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  return {
    name: "reconciliation",
    start: () => {
      stopped = false;
      void pass("startup").finally(schedule);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    trigger: (trigger) => {
      if (!stopped) void pass(trigger);
    },
  };
}
