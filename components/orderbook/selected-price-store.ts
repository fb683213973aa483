import { create } from "zustand";

export interface SelectedPrice {
  /** The clicked level's price, exactly as shown in the ladder (decimal string). */
  readonly price: string | null;
  /** Symbol of the book the price was picked from, when known. */
  readonly symbol: string | null;
  /** Increases on every pick, so a second click on the same price can still refill an edited field. */
  readonly pickCount: number;
}

/** The price last picked in the order book ladder; read by the order ticket. */
export const useSelectedPriceStore = create<SelectedPrice>()(() => ({
  price: null,
  symbol: null,
  pickCount: 0,
}));

export function setSelectedPrice(price: string, symbol?: string): void {
  useSelectedPriceStore.setState((state) => ({
    price,
    symbol: symbol ?? null,
    pickCount: state.pickCount + 1,
  }));
}
