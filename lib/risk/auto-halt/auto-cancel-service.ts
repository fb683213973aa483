import { type Sql, sql } from "../../db/sql";
import { subscribeEvents } from "../../events/subscribe-events";
import { logger } from "../../observability/logger";
import type { BackgroundService } from "../../runtime/background-service";
import type { VenuePort } from "../../venue/port/venue-port";
import { settleAfterEngage } from "../settle-after-engage";

/**
 * Claims an automatic engage's open orders for this instance: true once per engaged version across
 * every app instance (the row remembers the version taken).
 */
export async function claimAutoCancel(db: Sql, scope: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ scope: string }[]>`
    UPDATE "KillSwitch" SET "autoCanceledVersion" = version
    WHERE scope = ${scope} AND engaged AND source <> 'manual'
      AND "autoCanceledVersion" IS DISTINCT FROM version
    RETURNING scope`;
  return rows.length > 0;
}

/**
 * KILL_SWITCH_AUTO_CANCEL: every automatic engage (reconciliation breach, auth failure, loss limit,
 * venue unreachable) cancels the scope's open orders, as an operator's "halt and cancel" does. One
 * instance takes each engage on (claimAutoCancel); engages missed while no instance listened are
 * taken on at start.
 */
export function autoCancelService(venue: VenuePort): BackgroundService {
  let unsubscribe: (() => void) | undefined;
  const cancel = async (scope: string) => {
    if (!(await claimAutoCancel(sql(), scope))) return;
    const report = await settleAfterEngage({ venue, scope, cancelOpenOrders: true });
    logger.warn({ scope, cancel: report }, "automatic halt: open orders canceled");
  };
  const cancelSafely = (scope: string) =>
    cancel(scope).catch((error: Error) =>
      logger.error({ scope, err_message: error.message }, "automatic halt: canceling open orders failed"),
    );
  return {
    name: "kill-switch-auto-cancel",
    async start() {
      unsubscribe = subscribeEvents((event) => {
        if (event.type !== "kill_switch.changed") return;
        const data = event.data as { scope: string; engaged: boolean; source: string };
        if (data.engaged && data.source !== "manual") void cancelSafely(data.scope);
      });
      const missed = await sql().$queryRaw<{ scope: string }[]>`
        SELECT scope FROM "KillSwitch"
        WHERE engaged AND source <> 'manual' AND "autoCanceledVersion" IS DISTINCT FROM version`;
      for (const { scope } of missed) await cancelSafely(scope);
    },
    stop() {
      unsubscribe?.();
    },
  };
}
