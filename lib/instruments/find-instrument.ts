import { Decimal } from "decimal.js";
import { prisma } from "../db/prisma";
import { logger } from "../observability/logger";
import type { VenuePort } from "../venue/port/venue-port";
import { syncInstruments } from "./sync-instruments";

export interface TradingInstrument {
  symbol: string;
  tickSize: Decimal;
  lotSize: Decimal;
  minNotional: Decimal;
}

const CACHE_MS = 30_000;
const RESYNC_MIN_INTERVAL_MS = 10_000;

const cache = new Map<string, { at: number; instrument: TradingInstrument | null }>();
let lastResyncAt = 0;

async function readInstrument(symbol: string): Promise<TradingInstrument | null> {
  const row = await prisma().instrument.findUnique({ where: { symbol } });
  if (!row?.active) return null;
  return {
    symbol: row.symbol,
    tickSize: new Decimal(row.tickSize.toString()),
    lotSize: new Decimal(row.lotSize.toString()),
    minNotional: new Decimal(row.minNotional.toString()),
  };
}

/**
 * The tradable instrument for a symbol (cached briefly per process), or null. An unknown symbol
 * triggers one venue market sync (at most every 10 s per process) before giving up.
 */
export async function findInstrument(options: {
  venue: VenuePort;
  symbol: string;
}): Promise<TradingInstrument | null> {
  const cached = cache.get(options.symbol);
  if (cached?.instrument && Date.now() - cached.at < CACHE_MS) return cached.instrument;
  let instrument = await readInstrument(options.symbol);
  if (!instrument && Date.now() - lastResyncAt > RESYNC_MIN_INTERVAL_MS) {
    lastResyncAt = Date.now();
    try {
      await syncInstruments({ venue: options.venue, reload: true });
      instrument = await readInstrument(options.symbol);
    } catch (error) {
      logger.warn({ symbol: options.symbol, err: error }, "instrument sync for an unknown symbol failed");
    }
  }
  cache.set(options.symbol, { at: Date.now(), instrument });
  return instrument;
}
