import { formatDecimal } from "./format-decimal";

export interface InstrumentView {
  symbol: string;
  tickSize: string;
  lotSize: string;
  minNotional: string;
}

export interface InstrumentRow {
  symbol: string;
  tickSize: { toString(): string };
  lotSize: { toString(): string };
  minNotional: { toString(): string };
}

/** The API shape of an instrument: decimals as trimmed strings. */
export function toInstrumentView(row: InstrumentRow): InstrumentView {
  return {
    symbol: row.symbol,
    tickSize: formatDecimal(row.tickSize),
    lotSize: formatDecimal(row.lotSize),
    minNotional: formatDecimal(row.minNotional),
  };
}
