"use client";

import { memo, useMemo, useRef } from "react";
import type { TradeFrame } from "@/lib/marketdata/orderbook-stream-protocol";
import { commonFractionDigits, toFixedDigits } from "./decimal-format";
import { useOrderBook } from "./order-book-context";
import type { OrderBookState } from "./order-book-store";
import { useFittingRowCount } from "./use-fitting-row-count";
import { useDisplayDigits } from "./use-instruments";
import { useThrottledOrderBook } from "./use-throttled-order-book";

/**
 * The tape is redrawn at most 4 times a second: trades arrive in bursts of up to 20 a second, and
 * a table re-laid out that often costs frames without being any easier to read.
 */
const TAPE_INTERVAL_MS = 250;
const selectTrades = (state: OrderBookState): readonly TradeFrame[] => state.trades;

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

export function TradesTape() {
  const trades = useThrottledOrderBook(selectTrades, TAPE_INTERVAL_MS);
  const symbol = useOrderBook((state) => state.symbol);
  const digits = useDisplayDigits(symbol);
  const rows = useMemo(() => {
    const priceDigits = Math.max(digits.price, commonFractionDigits(trades.map((trade) => trade.price)));
    const sizeDigits = Math.max(digits.size, commonFractionDigits(trades.map((trade) => trade.quantity)));
    return trades.map((trade) => ({
      id: trade.id,
      time: timeFormat.format(trade.time),
      price: toFixedDigits(trade.price, priceDigits),
      size: toFixedDigits(trade.quantity, sizeDigits),
      side: trade.side,
    }));
  }, [trades, digits.price, digits.size]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const fitting = useFittingRowCount(scrollRef, rows.length);
  const shown = fitting === null ? rows : rows.slice(0, fitting);

  return (
    <section className="trades-tape" aria-labelledby="trades-tape-title">
      <h3 id="trades-tape-title">Recent trades</h3>
      <div className="trades-tape-scroll" ref={scrollRef}>
        <table className="table trades-table">
          <caption className="sr-only">Recent trades, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Price</th>
              <th scope="col">Size</th>
              <th scope="col">Side</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <TapeRow key={row.id} time={row.time} price={row.price} size={row.size} side={row.side} />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted">No trades yet</p>}
      </div>
    </section>
  );
}

/** A row re-renders only when its text changes (a new trade only adds a row). */
const TapeRow = memo(function TapeRow({
  time,
  price,
  size,
  side,
}: {
  time: string;
  price: string;
  size: string;
  side: "buy" | "sell";
}) {
  return (
    <tr className={`trade-${side}`}>
      <td>{time}</td>
      <td>{price}</td>
      <td>{size}</td>
      <td>{side === "buy" ? "Buy" : "Sell"}</td>
    </tr>
  );
});
