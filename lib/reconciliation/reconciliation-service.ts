import { sql } from "../db/sql";
import { env } from "../env";
import { logger } from "../observability/logger";
import type { BackgroundService } from "../runtime/background-service";
import type { VenuePort } from "../venue/port/venue-port";
import type { RunTrigger } from "./run-lease";
import { runReconciliation } from "./run-reconciliation";

const JOINED_POLL_MS = 250;

/** Waits until a run another instance carries out has ended; its final status. */
async function runEnded(runId: string, stopped: () => boolean): Promise<string> {
  for (;;) {
    const [row] = await sql().$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM "ReconciliationRun" WHERE id = ${runId}::uuid`;
    if (row?.status !== "running" || stopped()) return row?.status ?? "failed";
    await new Promise((resolve) => setTimeout(resolve, JOINED_POLL_MS));
  }
}

export interface ReconciliationService extends BackgroundService {
  /** Starts a run now (or joins the running one): after a venue stream reconnect, for example. */
  trigger(trigger: RunTrigger): void;
}

/**
 * Runs reconciliation at start-up, every RECONCILIATION_INTERVAL_SECONDS, and when triggered (a
 * venue stream reconnect gap-fills everything since the cursors). One pass at a time per process;
 * across instances the run lease decides, and a trigger while a run is going on joins it. The
 * start-up pass ends with a completed run that started after this process booted (what opens its
 * placement gate): joining one that started earlier, or one that fails, it waits and runs again.
 */
export function reconciliationService(options: {
  venue: VenuePort;
  intervalMs?: number;
}): ReconciliationService {
  const intervalMs = options.intervalMs ?? env().RECONCILIATION_INTERVAL_SECONDS * 1_000;
  const bootedAt = new Date();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let running: Promise<void> | null = null;
  let pending: RunTrigger | null = null;
  const pass = (trigger: RunTrigger): Promise<void> => {
    if (running) {
      pending = trigger;
      return running;
    }
    running = (trigger === "startup" ? startUp() : runReconciliation({ venue: options.venue, trigger }))
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
  const startUp = async () => {
    for (;;) {
      const { run, joined } = await runReconciliation({ venue: options.venue, trigger: "startup" });
      const status = joined ? await runEnded(run.id, () => stopped) : run.status;
      if (stopped || (status === "completed" && run.startedAt >= bootedAt)) return;
      // Our own run failed (the venue could not answer, say): again after a pause, not in a loop.
      if (!joined) await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, 5_000)));
    }
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
