import { logger } from "../../observability/logger";
import { engageAutomatically } from "./engage-automatically";

/**
 * The venue adapter's auth circuit breaker opened (the venue refused our credentials): halt
 * everything, since no order can be trusted to reach the venue until an operator fixes them. Never
 * throws (it runs from the adapter's breaker callback).
 */
export async function haltOnAuthFailure(event: { venue: string; reason: string | null }): Promise<void> {
  try {
    await engageAutomatically({
      scope: "global",
      source: "auth_failure",
      reason: `venue ${event.venue} refused our API credentials${event.reason ? `: ${event.reason}` : ""}`,
      actor: "venue-auth-breaker",
    });
  } catch (error) {
    logger.error({ err_message: (error as Error).message }, "auth failure: engaging the kill switch failed");
  }
}
