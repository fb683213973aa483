"use client";

import { useQuery } from "@tanstack/react-query";
import { incrementDigits } from "@/lib/instruments/format-by-increment";
import type { InstrumentView } from "@/lib/instruments/instrument-view";
import { apiFetch } from "../api/api-client";

/** GET /api/instruments (the same query and cache entry as the order ticket's). */
export function useInstruments() {
  return useQuery({
    queryKey: ["instruments"],
    queryFn: () => apiFetch<{ instruments: InstrumentView[] }>("/api/instruments"),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export interface DisplayDigits {
  /** At least the tick size's fraction digits, so prices read "60180.00" on a 0.01 tick. */
  readonly price: number;
  readonly size: number;
}

export function useDisplayDigits(symbol: string): DisplayDigits {
  const instrument = useInstruments().data?.instruments.find((candidate) => candidate.symbol === symbol);
  return {
    price: instrument ? incrementDigits(instrument.tickSize) : 0,
    size: instrument ? incrementDigits(instrument.lotSize) : 0,
  };
}
