import type { Order } from "../db/generated/prisma/client";
import { describeTradingHalt } from "../risk/describe-trading-halt";
import { VenueSendRefusedError } from "../venue/port/venue-errors";
import { recordSendAttempt } from "./store/record-send-attempt";

/**
 * A send may start up to this long after the order's recorded lastSendAt without recording it again
 * (the first send right after the order row commits); the window below allows for it.
 */
export const SEND_RECORD_SLACK_MS = 250;

/**
 * When every send of this order made so far can no longer execute at the venue: its newest recorded
 * send, the slack above and the venue's execution window (order recvWindow, clock offset, margin).
 * Before then a lookup that finds nothing proves nothing.
 */
export function sendWindowClosesAt(options: {
  order: Pick<Order, "lastSendAt" | "updatedAt">;
  executionWindowMs: number;
}): number {
  const last = options.order.lastSendAt ?? options.order.updatedAt;
  return last.getTime() + SEND_RECORD_SLACK_MS + options.executionWindowMs;
}

/**
 * The beforeAttempt hook of a placement: records the send durably before it is signed, unless the
 * recorded time is recent enough to stand for it (the claim's transaction checked the kill switch
 * and recorded it). A send recorded later re-checks the switch and is refused while trading is halted.
 * Returns the hook, keeping the recorded time.
 */
export function recordSendAttempts(options: {
  order: Pick<Order, "id" | "symbol" | "lastSendAt" | "updatedAt">;
  now?: () => number;
}): (attempt: number) => Promise<void> {
  const now = options.now ?? Date.now;
  let recorded = (options.order.lastSendAt ?? options.order.updatedAt).getTime();
  return async () => {
    const at = now();
    if (at - recorded <= SEND_RECORD_SLACK_MS) return;
    const halt = await recordSendAttempt({
      orderId: options.order.id,
      symbol: options.order.symbol,
      at: new Date(at),
    });
    if (halt) throw new VenueSendRefusedError(describeTradingHalt(halt));
    recorded = at;
  };
}
