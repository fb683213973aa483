import { sql } from "../../db/sql";
import { env } from "../../env";
import { cachedVenueHealth } from "../../health/venue-health-cache";
import { countAllLiveOrders } from "../../orders/store/count-all-live-orders";
import type { BackgroundService } from "../../runtime/background-service";
import { pollingService } from "../../runtime/polling-service";
import type { VenuePort } from "../../venue/port/venue-port";
import { engageAutomatically } from "./engage-automatically";

/**
 * Halts everything when the venue has been unreachable (its health probe failing: no answer, or the
 * adapter's circuit refusing to send) for KILL_SWITCH_VENUE_UNREACHABLE_SECONDS while we have live
 * orders there, which then cannot be managed. Every instance watches on its own; the engage is
 * idempotent, so the first to decide halts and the others change nothing.
 */
export function venueUnreachableMonitor(
  venue: VenuePort,
  options: { thresholdMs?: number; pollMs?: number; now?: () => number } = {},
): BackgroundService {
  const thresholdMs = options.thresholdMs ?? env().KILL_SWITCH_VENUE_UNREACHABLE_SECONDS * 1000;
  const pollMs = options.pollMs ?? Math.min(5_000, Math.max(100, Math.floor(thresholdMs / 4)));
  const now = options.now ?? Date.now;
  let unreachableSince: number | null = null;
  let haltedThisOutage = false;

  const check = async () => {
    const health = await cachedVenueHealth(venue);
    if (health.reachable) {
      unreachableSince = null;
      haltedThisOutage = false;
      return;
    }
    unreachableSince ??= now();
    const downMs = now() - unreachableSince;
    if (haltedThisOutage || downMs < thresholdMs) return;
    const live = await countAllLiveOrders(sql());
    if (live === 0) return;
    await engageAutomatically({
      scope: "global",
      source: "venue_unreachable",
      reason: `venue ${venue.venue} unreachable for ${Math.round(downMs / 1000)} s with ${live} live order(s)${
        health.error ? ` (${health.error})` : ""
      }`,
      actor: "venue-monitor",
    });
    haltedThisOutage = true;
  };
  return pollingService({ name: "venue-unreachable-monitor", pollMs, pass: check });
}
