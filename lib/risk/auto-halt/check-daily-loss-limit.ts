import { Decimal } from "decimal.js";
import { sql } from "../../db/sql";
import { env } from "../../env";
import { logger } from "../../observability/logger";
import { listFillsForPnl } from "../../orders/store/list-fills-for-pnl";
import { engageAutomatically } from "./engage-automatically";
import { realizedPnlByQuote, startOfUtcDay } from "./realized-pnl";

/**
 * Halts everything when today's (UTC) realized loss from our fills reaches the limit in any quote
 * currency. Returns the realized P&L per quote currency it found.
 */
export async function checkDailyLossLimit(options: {
  limit: string;
  now?: Date;
}): Promise<Map<string, Decimal>> {
  const now = options.now ?? new Date();
  const day = startOfUtcDay(now);
  const realized = realizedPnlByQuote(await listFillsForPnl(sql(), day), day);
  const limit = new Decimal(options.limit);
  for (const [quote, pnl] of realized) {
    if (pnl.negated().lt(limit)) continue;
    await engageAutomatically({
      scope: "global",
      source: "loss_limit",
      reason: `daily realized loss ${pnl.negated().toDecimalPlaces(8).toFixed()} ${quote} reached the limit of ${limit.toFixed()} ${quote} (UTC day ${day.toISOString().slice(0, 10)})`,
      actor: "loss-limit",
    });
  }
  return realized;
}

let running: Promise<void> | undefined;
let again = false;

/**
 * Runs the loss-limit check after a fill is recorded (P&L only changes then), off the fill's path:
 * one check at a time per process, fills recorded meanwhile folded into one more check.
 */
export function scheduleDailyLossCheck(): void {
  const limit = env().RISK_DAILY_LOSS_LIMIT;
  if (!limit) return;
  if (running) {
    again = true;
    return;
  }
  running = (async () => {
    do {
      again = false;
      await checkDailyLossLimit({ limit }).catch((error: Error) =>
        logger.error({ err_message: error.message }, "daily loss limit check failed"),
      );
    } while (again);
  })().finally(() => {
    running = undefined;
  });
}
