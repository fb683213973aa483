import { idempotencySettings } from "../idempotency/idempotency-settings";
import { logger } from "../observability/logger";
import type { BackgroundService } from "../runtime/background-service";
import type { VenuePort } from "../venue/port/venue-port";
import { sweepOrders } from "./sweep-orders";

/** Runs the order sweeper every IDEMPOTENCY_SWEEP_SECONDS (default 5 s), one pass at a time. */
export function orderSweeperService(venue: VenuePort): BackgroundService {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const result = await sweepOrders({ venue });
      if (result.purged + result.resumed + result.resolved + result.failed > 0) {
        logger.info(result, "order sweeper pass");
      }
    } catch (error) {
      logger.warn({ err: error }, "order sweeper pass failed");
    }
    if (!stopped) timer = setTimeout(() => void tick(), idempotencySettings().sweepMs).unref();
  };
  return {
    name: "order-sweeper",
    start: () => {
      stopped = false;
      void tick();
    },
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
