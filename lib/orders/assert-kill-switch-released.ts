import type { Tx } from "../db/sql";
import { DomainError } from "../errors/domain-error";
import { readTradingHalt } from "../risk/read-kill-switch";

/**
 * Refuses (locked, kill_switch_engaged) while the global kill switch or a leg's symbol halt is
 * engaged, naming its scope, reason and source. Read in the order's own transaction.
 */
export async function assertKillSwitchReleased(options: { tx: Tx; symbols: string[] }): Promise<void> {
  for (const symbol of [...new Set(options.symbols)]) {
    const halt = await readTradingHalt(options.tx, symbol);
    if (!halt) continue;
    const what =
      halt.scope === "global" ? "Trading is halted by the kill switch" : `Trading in ${halt.scope} is halted`;
    throw new DomainError({
      kind: "locked",
      code: "kill_switch_engaged",
      detail: `${what}${halt.reason ? `: ${halt.reason}` : ""}`,
      extra: { scope: halt.scope, reason: halt.reason, source: halt.source },
    });
  }
}
