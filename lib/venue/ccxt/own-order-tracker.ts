import type { VenueOrder } from "../port/venue-types";

const FINAL_STATUSES = new Set(["closed", "canceled", "rejected", "expired"]);

/** Own orders that may be open at the venue (clientOrderId -> symbol): looked up after a user-stream reconnect. */
export class OwnOrderTracker {
  private readonly maybeOpen = new Map<string, string>();

  /** A state seen for an order: a final one stops tracking it, any other keeps it. */
  track(order: VenueOrder): void {
    if (!order.clientOrderId) return;
    if (FINAL_STATUSES.has(order.status)) this.maybeOpen.delete(order.clientOrderId);
    else this.maybeOpen.set(order.clientOrderId, order.symbol);
  }

  /** A placement whose outcome is unknown: the order may exist. */
  trackUnknown(clientOrderId: string, symbol: string): void {
    this.maybeOpen.set(clientOrderId, symbol);
  }

  maybeOpenOrders(symbol?: string): Array<{ clientOrderId: string; symbol: string }> {
    return [...this.maybeOpen.entries()]
      .filter(([, orderSymbol]) => symbol === undefined || orderSymbol === symbol)
      .map(([clientOrderId, orderSymbol]) => ({ clientOrderId, symbol: orderSymbol }));
  }
}
