import type { Sql } from "../db/sql";
import type { KillSwitchState } from "./kill-switch-types";

/**
 * What halts trading on a symbol: the engaged global switch, else the symbol's engaged halt, else
 * null. Read in the caller's transaction (the order's own) or on the pool.
 */
export async function readTradingHalt(db: Sql, symbol?: string): Promise<KillSwitchState | null> {
  const scopes = symbol ? ["global", symbol] : ["global"];
  const rows = await db.$queryRaw<KillSwitchState[]>`
    SELECT scope, engaged, reason, source, actor, "changedAt", version FROM "KillSwitch"
    WHERE scope = ANY(${scopes}) AND engaged
    ORDER BY scope = 'global' DESC`;
  return rows[0] ?? null;
}
