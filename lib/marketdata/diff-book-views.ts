import type { PriceLevel } from "../venue/port/market-data-types";
import type { BookView } from "./book-view";

function changedLevels(
  before: ReadonlyMap<string, string>,
  after: readonly PriceLevel[],
  afterMap: ReadonlyMap<string, string>,
): PriceLevel[] {
  const changes: PriceLevel[] = [];
  for (const level of after) if (before.get(level[0]) !== level[1]) changes.push(level);
  for (const price of before.keys()) if (!afterMap.has(price)) changes.push([price, "0"]);
  return changes;
}

/**
 * The JSON members of an `update` frame (`"bids":…,"asks":…,"lastUpdateId":…,"venueTime":…,
 * "serverTime":…`) taking a client from `from` to `to`: only the levels within the top depth
 * whose quantity changed, with "0" for levels that left it.
 */
export function diffBookViews(from: BookView, to: BookView): string {
  const bids = changedLevels(from.bidMap, to.bids, to.bidMap);
  const asks = changedLevels(from.askMap, to.asks, to.askMap);
  return `"bids":${JSON.stringify(bids)},"asks":${JSON.stringify(asks)},"lastUpdateId":${to.lastUpdateId},"venueTime":${to.venueTime},"serverTime":${to.serverTime}`;
}
