import Decimal from "decimal.js";
import { create } from "zustand";
import type { ClientBook } from "./client-book";

export interface LiveMid {
  readonly symbol: string | null;
  /** Mid of the streamed book while it is live (decimal string), else null. */
  readonly mid: string | null;
}

/** The mid of the book the order book panel streams; read by the order ticket for its price band. */
export const useLiveMidStore = create<LiveMid>()(() => ({ symbol: null, mid: null }));

export function publishLiveMid(symbol: string, book: ClientBook | null, live: boolean): void {
  const bid = book?.bids[0]?.price;
  const ask = book?.asks[0]?.price;
  const mid =
    live && book?.status === "live" && bid && ask ? new Decimal(bid).plus(ask).div(2).toFixed() : null;
  const current = useLiveMidStore.getState();
  if (current.symbol !== symbol || current.mid !== mid) useLiveMidStore.setState({ symbol, mid });
}
