import { logger } from "../observability/logger";
import type { BackgroundService } from "../runtime/background-service";
import { claimQueuedIntents } from "./intent-store";
import { type IntentServices, processIntent } from "./process-intent";

export interface IntentWorkerOptions {
  pollMs?: number;
  /** Longer than one placement can take (venue timeouts included). */
  leaseMs?: number;
  maxAttempts?: number;
  retryMs?: number;
}

/** Drains the queued intents once: what a poll does (exported for tests). */
export async function drainIntents(
  services: IntentServices,
  options: IntentWorkerOptions = {},
): Promise<number> {
  let processed = 0;
  for (;;) {
    const claimed = await claimQueuedIntents({ limit: 10, leaseMs: options.leaseMs ?? 60_000 });
    if (claimed.length === 0) return processed;
    await Promise.all(
      claimed.map((intent) =>
        processIntent(intent, services, {
          maxAttempts: options.maxAttempts ?? 5,
          retryMs: options.retryMs ?? 2_000,
        }),
      ),
    );
    processed += claimed.length;
  }
}

/** The webhook intent queue's worker: polls the WebhookIntent table and carries intents out. */
export function intentWorkerService(
  services: () => IntentServices,
  options: IntentWorkerOptions = {},
): BackgroundService {
  const pollMs = options.pollMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let running: Promise<void> | undefined;
  const tick = async () => {
    try {
      await drainIntents(services(), options);
    } catch (error) {
      logger.warn({ err_message: (error as Error).message }, "webhook intent pass failed");
    }
  };
  const loop = () => {
    running = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, pollMs).unref();
    });
  };
  return {
    name: "webhook-intents",
    start: () => {
      if (!stopped) return;
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
