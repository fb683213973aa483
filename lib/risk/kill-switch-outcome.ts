import type { CancelReportView, TradingStateView } from "./kill-switch-wire-schema";

/**
 * What came of an engage or release request, stored with its idempotency record and presented by
 * lib/http (present-outcome.ts) at the first answer and every replay: the trading state after the
 * change, and for an engage the cancels' result (null when not asked for).
 */
export type KillSwitchOutcome =
  | { kind: "trading_halted"; state: TradingStateView; cancel: CancelReportView | null; changed: boolean }
  | { kind: "trading_released"; state: TradingStateView; changed: boolean };
