/** "global" halts everything; a symbol ("BTC/USDT") halts that symbol only. */
export type KillSwitchScope = "global" | (string & {});

export const KILL_SWITCH_SOURCES = [
  "manual",
  "reconciliation_breach",
  "auth_failure",
  "loss_limit",
  "venue_unreachable",
] as const;
export type KillSwitchSource = (typeof KILL_SWITCH_SOURCES)[number];

export interface KillSwitchState {
  scope: KillSwitchScope;
  engaged: boolean;
  reason: string | null;
  source: string | null;
  actor: string | null;
  changedAt: Date | null;
  version: number;
}
