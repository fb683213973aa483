import type { VenuePort } from "../venue/port/venue-port";
import { SEND_RECORD_SLACK_MS, sendWindowClosesAt } from "./send-window";
import { findSendsInFlight } from "./store/find-sends-in-flight";

const POLL_MS = 10;

/**
 * Waits until every order sent so far (in the symbol, or any) is settled or its send window has
 * closed, so that no send made before the call can still execute at the venue. Called after an
 * engage commits: every send the switch allowed is recorded by then (its check held the scope's
 * lock shared), and no later one is allowed. Returns how many orders it waited for.
 */
export async function waitForSendsInFlight(options: {
  venue: VenuePort;
  symbol?: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): Promise<number> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const executionWindowMs = options.venue.executionWindowMs();
  const waitedFor = new Set<string>();
  for (;;) {
    const since = new Date(now() - SEND_RECORD_SLACK_MS - executionWindowMs);
    const open = (await findSendsInFlight({ symbol: options.symbol, since })).filter(
      (send) =>
        sendWindowClosesAt({
          order: { lastSendAt: send.sentAt, updatedAt: send.sentAt },
          executionWindowMs,
        }) > now(),
    );
    if (open.length === 0) return waitedFor.size;
    for (const send of open) waitedFor.add(send.id);
    await sleep(POLL_MS);
  }
}
