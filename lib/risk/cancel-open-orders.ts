import { publishEvent } from "../events/publish-event";
import { logger } from "../observability/logger";
import { applyMassCancel } from "../orders/apply-mass-cancel";
import type { VenuePort } from "../venue/port/venue-port";
import type { VenueOrder } from "../venue/port/venue-types";
import type { KillSwitchScope } from "./kill-switch-types";

/** What came of canceling every open order at the venue, as the engage answers it. */
export interface CancelReport {
  /** Cancel requests sent: one mass cancel per symbol, then one per order left open. */
  sent: number;
  /** Orders the venue canceled, ours and others'. */
  canceled: number;
  /** Of those, orders Tally did not place. */
  external: number;
  failed: Array<{
    symbol: string;
    venueOrderId: string | null;
    clientOrderId: string | null;
    reason: string;
  }>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

/**
 * Cancels every open order of our account at the venue, in the scope's symbols (all of them for
 * "global"), including orders Tally did not place: the venue's mass cancel per symbol first, then
 * one by one for anything it left. Our orders are updated from the venue's answers.
 */
export async function cancelOpenOrders(options: {
  venue: VenuePort;
  scope: KillSwitchScope;
}): Promise<CancelReport> {
  const { venue, scope } = options;
  const report: CancelReport = { sent: 0, canceled: 0, external: 0, failed: [] };
  const open = await venue.fetchOpenOrders(scope === "global" ? {} : { symbol: scope });
  const symbols = scope === "global" ? [...new Set(open.map((order) => order.symbol))] : [scope];
  const canceled: VenueOrder[] = [];
  const massFailed = new Map<string, string>();
  await Promise.all(
    symbols.map(async (symbol) => {
      report.sent += 1;
      try {
        canceled.push(...(await venue.cancelAllOrders({ symbol })));
      } catch (error) {
        massFailed.set(symbol, message(error));
      }
    }),
  );
  const done = new Set(canceled.map((order) => order.venueOrderId));
  const left = open.filter((order) => !done.has(order.venueOrderId));
  await Promise.all(
    left.map(async (order) => {
      report.sent += 1;
      try {
        const result = await venue.cancelOrder({ symbol: order.symbol, venueOrderId: order.venueOrderId });
        if (result.status === "canceled") canceled.push(result.order);
        else if (result.status === "not_found") return; // filled or canceled meanwhile: not open
      } catch (error) {
        report.failed.push({
          symbol: order.symbol,
          venueOrderId: order.venueOrderId,
          clientOrderId: order.clientOrderId,
          reason: massFailed.has(order.symbol)
            ? `mass cancel: ${massFailed.get(order.symbol)}; then: ${message(error)}`
            : message(error),
        });
      }
    }),
  );
  report.canceled = canceled.length;
  report.external = await applyMassCancel({ venue: venue.venue, canceled });
  return report;
}

/**
 * The check that nothing is left open in the scope at the venue, published on the events stream
 * (`kill_switch.open_orders_checked`, with how many are still open). Never throws.
 */
export async function confirmNothingOpen(options: {
  venue: VenuePort;
  scope: KillSwitchScope;
}): Promise<number | null> {
  const { venue, scope } = options;
  try {
    const open = await venue.fetchOpenOrders(scope === "global" ? {} : { symbol: scope });
    await publishEvent({
      type: "kill_switch.open_orders_checked",
      data: {
        scope,
        open: open.length,
        orders: open.slice(0, 20).map((order) => ({
          symbol: order.symbol,
          venueOrderId: order.venueOrderId,
          clientOrderId: order.clientOrderId,
        })),
      },
    });
    return open.length;
  } catch (error) {
    logger.warn({ scope, error: message(error) }, "kill switch: open-orders check failed");
    await publishEvent({
      type: "kill_switch.open_orders_checked",
      data: { scope, open: null, error: message(error) },
    }).catch(() => undefined);
    return null;
  }
}
