import type { DepthDiff, DepthSnapshot, PriceLevel, PublicTrade } from "../port/market-data-types";

type Raw = Record<string, unknown>;

function levels(value: unknown, source: string): PriceLevel[] {
  if (!Array.isArray(value)) throw new TypeError(`${source} levels must be an array`);
  return value.map((level) => {
    if (!Array.isArray(level) || typeof level[0] !== "string" || typeof level[1] !== "string") {
      throw new TypeError(`${source} level must be [price, quantity] strings`);
    }
    return [level[0], level[1]] as const;
  });
}

/** A Binance `GET /api/v3/depth` answer as a DepthSnapshot. */
export function parseBinanceDepthSnapshot(answer: unknown): DepthSnapshot {
  const raw = answer as Raw;
  if (typeof raw?.lastUpdateId !== "number") throw new TypeError("depth snapshot without lastUpdateId");
  return {
    lastUpdateId: raw.lastUpdateId,
    bids: levels(raw.bids, "depth snapshot"),
    asks: levels(raw.asks, "depth snapshot"),
  };
}

/** A Binance `depthUpdate` message as a DepthDiff; undefined for anything else (e.g. SUBSCRIBE replies). */
export function parseBinanceDepthDiff(message: unknown): DepthDiff | undefined {
  const raw = unwrap(message);
  if (raw?.e !== "depthUpdate") return undefined;
  if (typeof raw.U !== "number" || typeof raw.u !== "number") throw new TypeError("depthUpdate without U/u");
  return {
    U: raw.U,
    u: raw.u,
    E: typeof raw.E === "number" ? raw.E : Date.now(),
    b: levels(raw.b, "depthUpdate"),
    a: levels(raw.a, "depthUpdate"),
  };
}

/** A Binance `trade` message as a PublicTrade for `symbol` (unified); undefined for anything else. */
export function parseBinancePublicTrade(message: unknown, symbol: string): PublicTrade | undefined {
  const raw = unwrap(message);
  if (raw?.e !== "trade" || typeof raw.p !== "string" || typeof raw.q !== "string") return undefined;
  return {
    symbol,
    id: String(raw.t),
    price: raw.p,
    quantity: raw.q,
    // m: the buyer is the maker, so the taker sold
    side: raw.m === true ? "sell" : "buy",
    time: typeof raw.T === "number" ? raw.T : Date.now(),
  };
}

/** Combined streams wrap events as `{ stream, data }`. */
function unwrap(message: unknown): Raw | undefined {
  if (typeof message !== "object" || message === null) return undefined;
  const raw = message as Raw;
  if (typeof raw.stream === "string" && typeof raw.data === "object" && raw.data !== null) {
    return raw.data as Raw;
  }
  return raw;
}
