import { logger } from "../observability/logger";
import type { BackgroundService } from "../runtime/background-service";
import type { VenuePort } from "../venue/port/venue-port";
import { applyOwnOrderEvent } from "./apply-own-order-event";

const RESTART_MS = 5_000;

/**
 * Consumes the venue's own-order stream (order updates, fills, resyncs) and applies each event. Every
 * app instance runs one; applying is idempotent, so duplicates across instances are harmless. The
 * venue does not replay what was missed while disconnected: `onGap` (a reconciliation run) reads it
 * back after every reconnect and after a restart of the stream.
 */
export function ownOrderStreamService(
  venue: VenuePort,
  options: { onGap?: () => void } = {},
): BackgroundService {
  let controller: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    controller = new AbortController();
    const { signal } = controller;
    try {
      for await (const event of venue.watchOwnOrders({ signal })) {
        if (event.type === "resync") options.onGap?.();
        try {
          await applyOwnOrderEvent({ venue: venue.venue, event });
        } catch (error) {
          logger.error({ err: error, event: event.type }, "own-order event could not be applied");
        }
      }
    } catch (error) {
      if (!signal.aborted) logger.warn({ err: error }, "own-order stream ended");
    }
    if (!signal.aborted) {
      options.onGap?.();
      timer = setTimeout(() => void run(), RESTART_MS).unref();
    }
  };
  return {
    name: "own-order-stream",
    start: () => {
      void run();
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      controller?.abort();
    },
  };
}
