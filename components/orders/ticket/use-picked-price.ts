"use client";

import { useEffect, useRef } from "react";
import { useSelectedPriceStore } from "../../orderbook/selected-price-store";

/** Calls onPick for every price clicked in the order book, including a second click on the same level. */
export function usePickedPrice(onPick: (price: string, symbol: string | null) => void): void {
  const latest = useRef(onPick);
  useEffect(() => {
    latest.current = onPick;
  });
  useEffect(
    () =>
      useSelectedPriceStore.subscribe((state, previous) => {
        if (state.pickCount !== previous.pickCount && state.price !== null)
          latest.current(state.price, state.symbol);
      }),
    [],
  );
}
