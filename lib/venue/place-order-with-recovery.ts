import { CLIENT_ORDER_ID_PATTERN } from "./derive-client-order-id";
import { VenueCircuitOpenError, VenueError, VenueValidationError } from "./venue-errors";
import type { PlaceOrderResult } from "./venue-port";
import type { VenueRequestRunner } from "./venue-request-runner";
import type { PlaceOrderRequest, VenueOrder } from "./venue-types";

export interface PlaceOrderWithRecoveryOptions {
  request: PlaceOrderRequest;
  runner: VenueRequestRunner;
  /** Sends the order once (no retries of its own). */
  send: () => Promise<VenueOrder>;
  /** Looks the order up by client order id; null when the venue definitively does not know it. */
  lookup: () => Promise<VenueOrder | null>;
  onRecovered?: (order: VenueOrder) => void;
  onUnknown?: (error: VenueError) => void;
}

const DEFINITIVE_REJECTIONS = new Set(["validation", "insufficient_funds", "rejected", "auth"]);

/**
 * Places an order so that a lost answer never becomes a second order or a false rejection:
 * every resend reuses the client order id, and after any attempt with an unknown outcome the
 * order is looked up by that id before sending again.
 */
export async function placeOrderWithRecovery(
  options: PlaceOrderWithRecoveryOptions,
): Promise<PlaceOrderResult> {
  const { request, runner } = options;
  if (!CLIENT_ORDER_ID_PATTERN.test(request.clientOrderId)) {
    throw new VenueValidationError(`invalid client order id (must match ${CLIENT_ORDER_ID_PATTERN})`);
  }
  let attempts = 0;
  let outcomeUnknown = false;

  const tryLookup = async (): Promise<VenueOrder | null> => {
    try {
      return await options.lookup();
    } catch {
      return null; // the resend (same id) or the final result will tell
    }
  };

  try {
    const outcome = await runner.run<{ order: VenueOrder; recovered: boolean }>({
      endpoint: "createOrder",
      endpointClass: "private",
      retry: "idempotent",
      call: () => {
        attempts += 1;
        return options.send().then((order) => ({ order, recovered: false }));
      },
      beforeRetry: async (error) => {
        if (error.outcomeUnknown) outcomeUnknown = true;
        if (!outcomeUnknown) return undefined;
        const found = await tryLookup();
        return found ? { value: { order: found, recovered: true } } : undefined;
      },
    });
    if (outcome.recovered) options.onRecovered?.(outcome.order);
    return { status: "accepted", order: outcome.order, recovered: outcome.recovered, attempts };
  } catch (caught) {
    const error = caught instanceof VenueError ? caught : new VenueError("unexpected", String(caught));
    if (error instanceof VenueCircuitOpenError && attempts === 0) throw error;
    if (error.outcomeUnknown) outcomeUnknown = true;
    if (error.kind === "duplicate_order" || outcomeUnknown) {
      const found = await tryLookup();
      if (found) {
        options.onRecovered?.(found);
        return { status: "accepted", order: found, recovered: true, attempts };
      }
    }
    if (!outcomeUnknown && (DEFINITIVE_REJECTIONS.has(error.kind) || error.kind === "rate_limit")) {
      return { status: "rejected", clientOrderId: request.clientOrderId, error, attempts };
    }
    options.onUnknown?.(error);
    return { status: "unknown", clientOrderId: request.clientOrderId, error, attempts };
  }
}
