import { logger } from "../observability/logger";
import type { BackgroundService } from "./background-service";

/**
 * A background service that runs `pass` every `pollMs` (the next pass is scheduled when one ends,
 * so passes never overlap); a failed pass is logged and the next one runs as planned. Stopping
 * waits for the pass under way. `isStopped` lets a long pass end early.
 */
export function pollingService(options: {
  name: string;
  pollMs: number;
  pass: (isStopped: () => boolean) => Promise<void>;
  /** False: start() does nothing (the service is not configured). */
  enabled?: boolean;
}): BackgroundService {
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let running: Promise<void> | undefined;
  const isStopped = () => stopped;
  const loop = () => {
    running = options
      .pass(isStopped)
      .catch((error: Error) => logger.warn({ err_message: error.message }, `${options.name} pass failed`))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.pollMs).unref();
      });
  };
  return {
    name: options.name,
    start: () => {
      if (options.enabled === false || !stopped) return;
      stopped = false;
      loop();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
