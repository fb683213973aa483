import type { KillSwitchState } from "./kill-switch-types";

/** "Trading is halted by the kill switch: <reason>" or "Trading in BTC/USDT is halted: <reason>". */
export function describeTradingHalt(halt: KillSwitchState): string {
  const what =
    halt.scope === "global" ? "Trading is halted by the kill switch" : `Trading in ${halt.scope} is halted`;
  return `${what}${halt.reason ? `: ${halt.reason}` : ""}`;
}
