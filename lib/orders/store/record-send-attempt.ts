import { transaction } from "../../db/sql";
import { lockTradingScopesShared } from "../../risk/kill-switch-locks";
import type { KillSwitchState } from "../../risk/kill-switch-types";
import { readTradingHalt } from "../../risk/read-kill-switch";

/**
 * Records that a send of the order is about to be signed (Order.lastSendAt, the app's clock), unless
 * trading in its symbol is halted: then nothing is recorded and the halt is returned. Under the
 * scopes' shared locks, so an engage waits for this and then finds the send recorded.
 */
export async function recordSendAttempt(options: {
  orderId: string;
  symbol: string;
  at: Date;
}): Promise<KillSwitchState | null> {
  return transaction(async (tx) => {
    await lockTradingScopesShared(tx, [options.symbol]);
    const halt = await readTradingHalt(tx, options.symbol);
    if (halt) return halt;
    await tx.$executeRaw`
      UPDATE "Order" SET "lastSendAt" = ${options.at}::timestamptz WHERE id = ${options.orderId}::uuid`;
    return null;
  });
}
