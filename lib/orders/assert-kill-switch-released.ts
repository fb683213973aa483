import type { Tx } from "../db/sql";
import { DomainError } from "../errors/domain-error";
import { describeTradingHalt } from "../risk/describe-trading-halt";
import { lockTradingScopesShared } from "../risk/kill-switch-locks";
import { readTradingHalt } from "../risk/read-kill-switch";

/**
 * Refuses (locked, kill_switch_engaged) while the global kill switch or a leg's symbol halt is
 * engaged, naming its scope, reason and source. Read in the order's own transaction, under the
 * scopes' shared locks: this transaction records the order's first send (its updatedAt), so an
 * engage either sees the order or is seen by it.
 */
export async function assertKillSwitchReleased(options: { tx: Tx; symbols: string[] }): Promise<void> {
  await lockTradingScopesShared(options.tx, options.symbols);
  for (const symbol of [...new Set(options.symbols)]) {
    const halt = await readTradingHalt(options.tx, symbol);
    if (!halt) continue;
    throw new DomainError({
      kind: "locked",
      code: "kill_switch_engaged",
      detail: describeTradingHalt(halt),
      extra: { scope: halt.scope, reason: halt.reason, source: halt.source },
    });
  }
}
