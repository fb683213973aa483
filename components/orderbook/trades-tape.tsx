"use client";

import { useMemo } from "react";
import { commonFractionDigits, toFixedDigits } from "./decimal-format";
import { useOrderBook } from "./order-book-context";
import { useDisplayDigits } from "./use-instruments";

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

export function TradesTape() {
  const trades = useOrderBook((state) => state.trades);
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

  return (
    <section className="trades-tape" aria-labelledby="trades-tape-title">
      <h3 id="trades-tape-title">Recent trades</h3>
      <div className="trades-tape-scroll">
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
            {rows.map((row) => (
              <tr key={row.id} className={`trade-${row.side}`}>
                <td>{row.time}</td>
                <td>{row.price}</td>
                <td>{row.size}</td>
                <td>{row.side === "buy" ? "Buy" : "Sell"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted">No trades yet</p>}
      </div>
    </section>
  );
}
