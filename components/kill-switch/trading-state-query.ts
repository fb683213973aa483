import type { TradingStateView } from "@/lib/risk/kill-switch-wire-schema";
import { apiFetch } from "../api/api-client";

export const TRADING_STATE_KEY = ["kill-switch"] as const;

export const tradingStateQuery = {
  queryKey: TRADING_STATE_KEY,
  queryFn: () => apiFetch<TradingStateView>("/api/kill-switch", { cache: "no-store" }),
  // The events stream invalidates it at once; the interval only covers a stream that is down.
  refetchInterval: 15_000,
};

export type TradingHalt = { scope: string } & TradingStateView["killSwitch"];

/** Every engaged halt: the global switch first, then each halted symbol. */
export function engagedHalts(state: TradingStateView | undefined): TradingHalt[] {
  if (!state) return [];
  const global = state.killSwitch.engaged ? [{ scope: "global", ...state.killSwitch }] : [];
  return [...global, ...state.halts.map(({ symbol, ...halt }) => ({ scope: symbol, ...halt }))];
}

/** What halts trading in `symbol`: the global switch, else the symbol's halt, else null. */
export function haltFor(state: TradingStateView | undefined, symbol: string): TradingHalt | null {
  const halts = engagedHalts(state);
  return halts.find((halt) => halt.scope === "global") ?? halts.find((halt) => halt.scope === symbol) ?? null;
}

export function describeHalt(halt: TradingHalt): string {
  const what =
    halt.scope === "global" ? "Trading is halted by the kill switch" : `Trading in ${halt.scope} is halted`;
  return `${what}${halt.reason ? `: ${halt.reason}` : ""}`;
}
