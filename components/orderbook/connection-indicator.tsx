"use client";

import { useOrderBook } from "./order-book-context";

export function ConnectionIndicator() {
  const indicator = useOrderBook((state) => state.indicator);
  return (
    <div className={`orderbook-status orderbook-status-${indicator.kind}`}>
      <span className="dot" aria-hidden="true" />
      {/* Only the state word is a live region: the seconds counter would be announced every second. */}
      <span role="status">Market data: {indicator.label}</span>
      {indicator.detail && <span className="muted">({indicator.detail})</span>}
    </div>
  );
}
