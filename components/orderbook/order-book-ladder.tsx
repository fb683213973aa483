"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { ClientBook } from "./client-book";
import { LadderRowView, type LadderSide } from "./ladder-row";
import { buildLadder, type LadderRow } from "./ladder-rows";
import { useOrderBook } from "./order-book-context";
import { setSelectedPrice, useSelectedPriceStore } from "./selected-price-store";
import { useDisplayDigits } from "./use-instruments";

/** How long a changed size stays highlighted. */
const FLASH_MS = 600;

/**
 * The newest book seq first shown at least FLASH_MS ago (0 if none): levels whose `changedSeq` is
 * above it changed within the last FLASH_MS and are highlighted. Re-renders once FLASH_MS after
 * the last book change, so highlights also clear when the market goes quiet.
 */
function useFlashThreshold(book: ClientBook | null): number {
  const shown = useRef<{ seq: number; at: number }[]>([]);
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  let threshold = 0;
  if (book !== null) {
    const history = shown.current;
    const now = performance.now();
    const last = history.at(-1);
    // a new subscription's seq may start lower: its history starts over
    if (last !== undefined && book.seq < last.seq) history.length = 0;
    if (last === undefined || book.seq !== last.seq) history.push({ seq: book.seq, at: now });
    while (history.length > 1 && history[1]!.at <= now - FLASH_MS) history.shift();
    threshold = history[0]!.at <= now - FLASH_MS ? history[0]!.seq : 0;
  }
  useEffect(() => {
    if (book === null) return;
    const timer = setTimeout(rerender, FLASH_MS);
    return () => clearTimeout(timer);
  }, [book]);
  return threshold;
}

export function OrderBookLadder() {
  const book = useOrderBook((state) => state.book);
  const symbol = useOrderBook((state) => state.symbol);
  const live = useOrderBook((state) => state.indicator.kind === "live");
  const selectedPrice = useSelectedPriceStore((state) => (state.symbol === symbol ? state.price : null));
  const digits = useDisplayDigits(symbol);
  const ladder = useMemo(
    () => (book ? buildLadder(book, { price: digits.price, size: digits.size }) : null),
    [book, digits.price, digits.size],
  );
  const pick = useCallback((price: string) => setSelectedPrice(price, symbol), [symbol]);
  const flashAbove = useFlashThreshold(book);
  const asksWorstFirst = useMemo(() => (ladder ? [...ladder.asks].reverse() : []), [ladder]);

  return (
    <div className={live ? "ladder" : "ladder ladder-not-live"} aria-busy={book === null}>
      <LadderTable
        side="asks"
        rows={asksWorstFirst}
        selectedPrice={selectedPrice}
        flashAbove={flashAbove}
        onPick={pick}
      />
      <p className="ladder-spread">
        <span>
          Spread <strong>{ladder?.spread ?? "–"}</strong>
        </span>
        <span>
          Mid <strong>{ladder?.mid ?? "–"}</strong>
        </span>
      </p>
      <LadderTable
        side="bids"
        rows={ladder?.bids ?? []}
        selectedPrice={selectedPrice}
        flashAbove={flashAbove}
        onPick={pick}
      />
      {book === null && <p className="muted">Waiting for the first order book snapshot…</p>}
    </div>
  );
}

function LadderTable({
  side,
  rows,
  selectedPrice,
  flashAbove,
  onPick,
}: {
  side: LadderSide;
  rows: readonly LadderRow[];
  selectedPrice: string | null;
  flashAbove: number;
  onPick: (price: string) => void;
}) {
  // Each side scrolls on its own in the terminal layout; the asks start scrolled to the best ask.
  return (
    <div className={`ladder-side ladder-side-${side}`}>
      <table className={`ladder-table ladder-${side}`}>
        <caption className="sr-only">{side === "bids" ? "Bids" : "Asks"}</caption>
        <thead>
          <tr>
            <th scope="col">Price</th>
            <th scope="col">Size</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <LadderRowView
              key={row.price}
              row={row}
              side={side}
              selected={row.price === selectedPrice}
              flash={row.changedSeq > flashAbove}
              onPick={onPick}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
