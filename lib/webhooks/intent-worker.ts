import type { BackgroundService } from "../runtime/background-service";
import { pollingService } from "../runtime/polling-service";
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
  return pollingService({
    name: "webhook-intents",
    pollMs: options.pollMs ?? 500,
    pass: async () => {
      await drainIntents(services(), options);
    },
  });
}
