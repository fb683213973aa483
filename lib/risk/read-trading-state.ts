import { type Sql, sql } from "../db/sql";
import type { KillSwitchState } from "./kill-switch-types";
import type { KillSwitchStateView, TradingStateView } from "./kill-switch-wire-schema";

function toView(state: KillSwitchState | undefined): KillSwitchStateView {
  return {
    engaged: state?.engaged ?? false,
    reason: state?.reason ?? null,
    source: state?.source ?? null,
    actor: state?.actor ?? null,
    changedAt: state?.changedAt ? state.changedAt.toISOString() : null,
  };
}

/** The global switch (released when it was never engaged) and every engaged symbol halt. */
export async function readTradingState(db: Sql = sql()): Promise<TradingStateView> {
  const rows = await db.$queryRaw<KillSwitchState[]>`
    SELECT scope, engaged, reason, source, actor, "changedAt", version FROM "KillSwitch"
    WHERE scope = 'global' OR engaged ORDER BY scope`;
  return {
    killSwitch: toView(rows.find((row) => row.scope === "global")),
    halts: rows.filter((row) => row.scope !== "global").map((row) => ({ symbol: row.scope, ...toView(row) })),
  };
}
