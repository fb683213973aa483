import type { PriceLevel } from "../venue/port/market-data-types";

/**
 * The top `depth` levels of one book version, immutable and shared by every client streaming that
 * symbol at that depth, so a frame's levels are computed once per version, not once per client.
 */
export interface BookView {
  readonly version: number;
  readonly depth: number;
  /** Best first. */
  readonly bids: readonly PriceLevel[];
  readonly asks: readonly PriceLevel[];
  readonly bidMap: ReadonlyMap<string, string>;
  readonly askMap: ReadonlyMap<string, string>;
  readonly lastUpdateId: number | null;
  readonly venueTime: number | null;
  readonly serverTime: number | null;
}
