import { formatByIncrement } from "@/lib/instruments/format-by-increment";
import type { InstrumentView } from "@/lib/instruments/instrument-view";

/** Prices by the symbol's tick, quantities by its lot: the one way every table and message shows them. */
export interface InstrumentFormat {
  price(symbol: string, value: string | null | undefined): string;
  quantity(symbol: string, value: string | null | undefined): string;
}

const ABSENT = "—";

export function instrumentFormat(instruments: readonly InstrumentView[] | undefined): InstrumentFormat {
  const bySymbol = new Map((instruments ?? []).map((instrument) => [instrument.symbol, instrument]));
  const show = (value: string | null | undefined, increment: string | undefined) => {
    if (value === null || value === undefined || value === "") return ABSENT;
    try {
      return formatByIncrement(value, increment);
    } catch {
      return value;
    }
  };
  return {
    price: (symbol, value) => show(value, bySymbol.get(symbol)?.tickSize),
    quantity: (symbol, value) => show(value, bySymbol.get(symbol)?.lotSize),
  };
}

/** Before the instruments have loaded: values trimmed, not padded. */
export const PLAIN_FORMAT = instrumentFormat(undefined);
