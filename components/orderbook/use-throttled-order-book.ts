"use client";

import { startTransition, useEffect, useState } from "react";
import { useOrderBookStore } from "./order-book-context";
import type { OrderBookState } from "./order-book-store";

/**
 * Like useOrderBook, but re-renders at most once per `intervalMs`, for views too heavy to redraw
 * every frame (the chart), rendered as a transition. `selector` must be stable (module level).
 */
export function useThrottledOrderBook<T>(selector: (state: OrderBookState) => T, intervalMs: number): T {
  const store = useOrderBookStore();
  const [value, setValue] = useState(() => selector(store.getState()));
  useEffect(() => {
    let lastPush = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const push = () => {
      timer = null;
      lastPush = performance.now();
      // A transition: React renders it in slices and lets input and the ladder's frames go first.
      startTransition(() => setValue(() => selector(store.getState())));
    };
    push();
    const unsubscribe = store.subscribe((state, previous) => {
      if (timer !== null || Object.is(selector(state), selector(previous))) return;
      timer = setTimeout(push, Math.max(0, lastPush + intervalMs - performance.now()));
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, selector, intervalMs]);
  return value;
}
