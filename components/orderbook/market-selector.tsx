"use client";

import { useId } from "react";
import { useInstruments } from "./use-instruments";

export const FALLBACK_SYMBOLS = ["BTC/USDT", "ETH/USDT", "SOL/USDT"] as const;
export const DEPTH_OPTIONS = [10, 20, 50] as const;

/** Symbols from GET /api/instruments; the simulator's three while it loads or if it fails. */
function useSymbols(): readonly string[] {
  const instruments = useInstruments();
  const symbols = instruments.data?.instruments.map((instrument) => instrument.symbol);
  return symbols && symbols.length > 0 ? symbols : FALLBACK_SYMBOLS;
}

export function MarketSelector({
  symbol,
  depth,
  onSymbolChange,
  onDepthChange,
}: {
  symbol: string;
  depth: number;
  onSymbolChange: (symbol: string) => void;
  onDepthChange: (depth: number) => void;
}) {
  const symbols = useSymbols();
  const id = useId();
  return (
    <div className="orderbook-controls">
      <div className="field">
        <label htmlFor={`${id}-symbol`}>Symbol</label>
        <select id={`${id}-symbol`} value={symbol} onChange={(event) => onSymbolChange(event.target.value)}>
          {symbols.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-depth`}>Depth</label>
        <select
          id={`${id}-depth`}
          value={depth}
          onChange={(event) => onDepthChange(Number(event.target.value))}
        >
          {DEPTH_OPTIONS.map((option) => (
            <option key={option} value={option}>
              {option} levels
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
