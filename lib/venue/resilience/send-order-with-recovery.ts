import { CLIENT_ORDER_ID_PATTERN } from "../port/derive-client-order-id";
import { VenueCircuitOpenError, VenueError, VenueValidationError } from "../port/venue-errors";
import type { PlaceOrderResult } from "../port/venue-port";
import type { PlaceOrderRequest, VenueOrder } from "../port/venue-types";
import type { VenueRequestRunner } from "./venue-request-runner";

export interface SendOrderWithRecoveryOptions {
  request: PlaceOrderRequest;
  runner: VenueRequestRunner;
  /** Sends the order once (no retries of its own). */
  send: () => Promise<VenueOrder>;
  /** Looks the order up by client order id: null when the venue does not know it; throws when the lookup failed. */
  lookup: () => Promise<VenueOrder | null>;
  /**
   * How long after an attempt starts it may still execute at the venue (its recvWindow, the clock
   * offset and a margin): a lookup that finds nothing is evidence of absence only after that.
   */
  executionWindowMs: number;
  /** The longest this request waits for an attempt's window to close; a longer wait leaves the outcome unknown. */
  maxWaitMs: number;
  /** Awaited before every attempt is signed (the orders domain records the send time durably here). */
  beforeAttempt?: (attempt: number) => Promise<void>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRecovered?: (order: VenueOrder) => void;
  onUnknown?: (error: VenueError) => void;
}

const DEFINITIVE_REJECTIONS = new Set(["validation", "insufficient_funds", "rejected", "auth"]);

/** Ends the retry loop: an attempt's outcome is unknown and cannot be settled within this request. */
class UnsettledOutcome extends Error {
  constructor(readonly venueError: VenueError) {
    super(venueError.message);
  }
}

type Settled = { kind: "found"; order: VenueOrder } | { kind: "absent" } | { kind: "unsettled" };

/**
 * Places an order so that a lost answer never becomes a second order or a false rejection. Every
 * resend reuses the client order id, but the venue refuses a duplicate id only while the first order
 * is open (Binance: "unique among open orders"), so after an attempt with an unknown outcome the order
 * is sent again only when a lookup made after that attempt's execution window finds nothing. A lookup
 * that fails, or a window that closes too late for this request, leaves the outcome unknown.
 */
export async function sendOrderWithRecovery(
  options: SendOrderWithRecoveryOptions,
): Promise<PlaceOrderResult> {
  const { request, runner } = options;
  if (!CLIENT_ORDER_ID_PATTERN.test(request.clientOrderId)) {
    throw new VenueValidationError(`invalid client order id (must match ${CLIENT_ORDER_ID_PATTERN})`);
  }
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let attempts = 0;
  let lastAttemptAt = 0;
  let outcomeUnknown = false;

  const lookup = async (): Promise<Settled> => {
    try {
      const found = await options.lookup();
      return found ? { kind: "found", order: found } : { kind: "absent" };
    } catch {
      return { kind: "unsettled" }; // a failed lookup is no evidence either way
    }
  };
  const lookupAfterWindow = async (): Promise<Settled> => {
    const wait = lastAttemptAt + options.executionWindowMs - now();
    if (wait > options.maxWaitMs) return { kind: "unsettled" };
    if (wait > 0) await sleep(wait);
    return lookup();
  };

  try {
    const outcome = await runner.run<{ order: VenueOrder; recovered: boolean }>({
      endpoint: "createOrder",
      endpointClass: "private",
      retry: "idempotent",
      call: async () => {
        attempts += 1;
        await options.beforeAttempt?.(attempts);
        lastAttemptAt = now();
        return options.send().then((order) => ({ order, recovered: false }));
      },
      beforeRetry: async (error) => {
        if (error.outcomeUnknown) outcomeUnknown = true;
        if (!outcomeUnknown) return undefined;
        const settled = await lookupAfterWindow();
        if (settled.kind === "found") return { value: { order: settled.order, recovered: true } };
        if (settled.kind === "unsettled") throw new UnsettledOutcome(error);
        return undefined; // absent after the window: the resend cannot make a second order
      },
    });
    if (outcome.recovered) options.onRecovered?.(outcome.order);
    return { status: "accepted", order: outcome.order, recovered: outcome.recovered, attempts };
  } catch (caught) {
    if (caught instanceof UnsettledOutcome) return unknown(caught.venueError);
    const error = caught instanceof VenueError ? caught : new VenueError("unexpected", String(caught));
    if (error instanceof VenueCircuitOpenError && attempts === 0) throw error;
    if (error.outcomeUnknown) outcomeUnknown = true;
    if (error.kind === "duplicate_order" || outcomeUnknown) {
      // A duplicate id means an open order with it exists now: no window to wait for.
      const settled = error.kind === "duplicate_order" ? await lookup() : await lookupAfterWindow();
      if (settled.kind === "found") {
        options.onRecovered?.(settled.order);
        return { status: "accepted", order: settled.order, recovered: true, attempts };
      }
    }
    if (!outcomeUnknown && (DEFINITIVE_REJECTIONS.has(error.kind) || error.kind === "rate_limit")) {
      return { status: "rejected", clientOrderId: request.clientOrderId, error, attempts };
    }
    return unknown(error);
  }

  function unknown(error: VenueError): PlaceOrderResult {
    options.onUnknown?.(error);
    return { status: "unknown", clientOrderId: request.clientOrderId, error, attempts };
  }
}
