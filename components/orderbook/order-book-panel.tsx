"use client";

import { useEffect, useState } from "react";
import { ConnectionIndicator } from "./connection-indicator";
import { DepthChart } from "./depth-chart";
import { publishLiveMid } from "./live-mid-store";
import { FALLBACK_SYMBOLS, MarketSelector } from "./market-selector";
import { OrderBookStoreContext } from "./order-book-context";
import { startOrderBookFeed } from "./order-book-feed";
import { OrderBookLadder } from "./order-book-ladder";
import { createOrderBookStore, emptyOrderBookState } from "./order-book-store";
import { TradesTape } from "./trades-tape";

const DEFAULT_DEPTH = 20;

/**
 * The live order book of one symbol: ladder, depth chart and trades. Only this component holds
 * the symbol and depth; the stream feeds a store that each part reads its own slice from, so a
 * market update re-renders the parts whose slice changed, never the page.
 */
export function OrderBookPanel() {
  const [symbol, setSymbol] = useState<string>(FALLBACK_SYMBOLS[0]);
  const [depth, setDepth] = useState(DEFAULT_DEPTH);
  const [store] = useState(() => createOrderBookStore(symbol, depth));

  useEffect(() => {
    store.setState(emptyOrderBookState(symbol, depth), true);
    return startOrderBookFeed({ store, symbol, depth });
  }, [store, symbol, depth]);

  useEffect(
    () =>
      store.subscribe((state) => publishLiveMid(state.symbol, state.book, state.indicator.kind === "live")),
    [store],
  );

  return (
    <OrderBookStoreContext value={store}>
      <section className="panel orderbook" aria-labelledby="orderbook-title">
        <header className="orderbook-header">
          <h2 id="orderbook-title">Order book {symbol}</h2>
          <MarketSelector symbol={symbol} depth={depth} onSymbolChange={setSymbol} onDepthChange={setDepth} />
          <ConnectionIndicator />
        </header>
        <div className="orderbook-body">
          <OrderBookLadder />
          <div className="orderbook-aside">
            <DepthChart />
            <TradesTape />
          </div>
        </div>
      </section>
    </OrderBookStoreContext>
  );
}
