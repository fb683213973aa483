"use client";

import { useCallback, useMemo } from "react";
import { LadderRowView, type LadderSide } from "./ladder-row";
import { buildLadder, type LadderRow } from "./ladder-rows";
import { useOrderBook } from "./order-book-context";
import { setSelectedPrice, useSelectedPriceStore } from "./selected-price-store";
import { useDisplayDigits } from "./use-instruments";

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
  const asksWorstFirst = useMemo(() => (ladder ? [...ladder.asks].reverse() : []), [ladder]);

  return (
    <div className={live ? "ladder" : "ladder ladder-not-live"} aria-busy={book === null}>
      <LadderTable side="asks" rows={asksWorstFirst} selectedPrice={selectedPrice} onPick={pick} />
      <p className="ladder-spread">
        <span>
          Spread <strong>{ladder?.spread ?? "–"}</strong>
        </span>
        <span>
          Mid <strong>{ladder?.mid ?? "–"}</strong>
        </span>
      </p>
      <LadderTable side="bids" rows={ladder?.bids ?? []} selectedPrice={selectedPrice} onPick={pick} />
      {book === null && <p className="muted">Waiting for the first order book snapshot…</p>}
    </div>
  );
}

function LadderTable({
  side,
  rows,
  selectedPrice,
  onPick,
}: {
  side: LadderSide;
  rows: readonly LadderRow[];
  selectedPrice: string | null;
  onPick: (price: string) => void;
}) {
  return (
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
            onPick={onPick}
          />
        ))}
      </tbody>
    </table>
  );
}
