import { logger } from "../observability/logger";
import type { BackgroundService } from "../runtime/background-service";
import { pollingService } from "../runtime/polling-service";
import { alertRetryDelayMs } from "./alert-retry-delay";
import { type AlertSettings, alertSettings } from "./alert-settings";
import { claimDueAlerts, markAlertAttemptFailed, markAlertDelivered } from "./claim-due-alerts";
import { sendSignedAlert } from "./send-signed-alert";

export interface AlertDeliveryOptions {
  settings?: AlertSettings | null;
  pollMs?: number;
  retryBaseMs?: number;
  retryCapMs?: number;
  /** Longer than one send can take (its timeout is 10 s). */
  leaseMs?: number;
}

/**
 * Delivers the alert outbox to ALERT_WEBHOOK_URL: polls for due alerts, sends each signed, retries
 * failures with exponential backoff up to ALERT_MAX_ATTEMPTS. Runs beside the halt, never in its way:
 * the change has committed before its alert is sent.
 */
export function alertDeliveryService(options: AlertDeliveryOptions = {}): BackgroundService {
  const settings = options.settings === undefined ? alertSettings() : options.settings;
  const pollMs = options.pollMs ?? 1_000;
  const deliverDue = async (target: AlertSettings, stopped: () => boolean) => {
    for (;;) {
      const claimed = await claimDueAlerts({ limit: 20, leaseMs: options.leaseMs ?? 30_000 });
      if (claimed.length === 0) return;
      await Promise.all(
        claimed.map(async (alert) => {
          const attempts = alert.attempts + 1;
          const error = await sendSignedAlert({
            url: target.url,
            secret: target.secret,
            messageId: `msg_${alert.id}`,
            body: JSON.stringify(alert.payload),
          });
          if (error === null) return markAlertDelivered(alert.id, attempts);
          const retryInMs =
            attempts >= target.maxAttempts
              ? null
              : alertRetryDelayMs(attempts, {
                  baseMs: options.retryBaseMs ?? 1_000,
                  capMs: options.retryCapMs ?? 300_000,
                });
          const log = retryInMs === null ? logger.error.bind(logger) : logger.warn.bind(logger);
          log(
            { alertId: alert.id, attempts, error, retryInMs },
            retryInMs === null ? "alert delivery failed: giving up" : "alert delivery failed: will retry",
          );
          await markAlertAttemptFailed({ id: alert.id, attempts, error, retryInMs });
        }),
      );
      if (stopped()) return;
    }
  };

  return pollingService({
    name: "alert-delivery",
    pollMs,
    enabled: settings !== null,
    pass: async (stopped) => {
      if (settings) await deliverDue(settings, stopped);
    },
  });
}
