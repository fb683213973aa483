import type { Exchange } from "ccxt";
import { VenueConfigError } from "../port/venue-errors";
import type { VenueConfig } from "../venue-config";

/** Binance spot and the simulator speak `<ws>/ws/<stream>` with `depthUpdate` diffs and `GET /api/v3/depth`. */
export function hasBinanceRawStreams(options: { config: VenueConfig; exchange: Exchange }): boolean {
  const { config, exchange } = options;
  return config.sim !== undefined || exchange.id === "binance" || exchange.id === "binanceus";
}

/** The URL of a raw market stream (`btcusdt@trade`); VenueConfigError on venues without them. */
export function binanceRawStreamUrl(options: {
  config: VenueConfig;
  exchange: Exchange;
  stream: string;
}): string {
  const { config, exchange, stream } = options;
  if (!hasBinanceRawStreams(options)) {
    throw new VenueConfigError(
      `raw market streams are only implemented for Binance-family venues, not ${config.venue}`,
    );
  }
  const ws = (exchange.urls as { api?: { ws?: { spot?: unknown } } }).api?.ws?.spot;
  if (typeof ws !== "string") throw new VenueConfigError(`no spot WebSocket URL for ${config.venue}`);
  return `${ws.replace(/\/$/, "")}/${stream}`;
}
