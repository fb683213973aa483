import type { BookHub } from "./book-hub";

/** A book may be resyncing or stale this long before readiness fails. */
const RECOVERY_BOUND_MS = 30_000;

/**
 * Readiness of the subscribed order books: fine when none is subscribed or each is live or
 * recovering for less than the bound; throws naming the ones that are not. Returns a summary.
 */
export function checkOrderbookFeeds(hub: BookHub | undefined): string {
  const feeds = hub?.health() ?? [];
  if (feeds.length === 0) return "no symbol subscribed";
  const bad = feeds.filter((feed) => feed.status !== "live" && feed.notLiveForMs > RECOVERY_BOUND_MS);
  const summary = feeds
    .map(
      (feed) =>
        `${feed.symbol} ${feed.status} staleness=${feed.stalenessMs ?? "-"}ms gaps=${feed.counters.gaps} resyncs=${feed.counters.resyncs} reconnects=${feed.counters.reconnects}`,
    )
    .join("; ");
  if (bad.length > 0) throw new Error(`order book not live for over ${RECOVERY_BOUND_MS} ms: ${summary}`);
  return summary;
}
