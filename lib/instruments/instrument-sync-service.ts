import { logger } from "../observability/logger";
import type { BackgroundService } from "../runtime/background-service";
import type { VenuePort } from "../venue/port/venue-port";
import { syncInstruments } from "./sync-instruments";

const RETRY_MS = 15_000;

/** Syncs the venue's markets at start; retries in the background until the venue answers once. */
export function instrumentSyncService(venue: VenuePort): BackgroundService {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = async () => {
    try {
      await syncInstruments({ venue, reload: true });
    } catch (error) {
      logger.warn({ err: error }, "instrument sync failed; retrying");
      if (!stopped) timer = setTimeout(attempt, RETRY_MS).unref();
    }
  };
  return {
    name: "instrument-sync",
    start: () => {
      void attempt();
    },
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
