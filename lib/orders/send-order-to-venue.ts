import type { Order } from "../db/generated/prisma/client";
import { formatDecimal } from "../instruments/format-decimal";
import type { PlaceOrderResult, VenuePort } from "../venue/port/venue-port";
import { recordSendAttempts } from "./send-window";

/** What came of sending: the venue's answer, or an error raised before anything was sent. */
export type SendOutcome = PlaceOrderResult | { status: "not_sent"; reason: string };

/**
 * Sends a pending order with its client order id (the venue adapter looks the id up, after the
 * execution window, before any resend), recording each attempt's time on the order before it is
 * signed. `placeOrder` throws only before anything reached the venue (circuit open, config, markets
 * not loadable): that is reported as not_sent.
 */
export async function sendOrderToVenue(options: { venue: VenuePort; order: Order }): Promise<SendOutcome> {
  const { venue, order } = options;
  try {
    return await venue.placeOrder(
      {
        symbol: order.symbol,
        side: order.side,
        type: order.type,
        quantity: formatDecimal(order.quantity),
        ...(order.price !== null ? { price: formatDecimal(order.price) } : {}),
        ...(order.timeInForce !== null ? { timeInForce: order.timeInForce } : {}),
        clientOrderId: order.clientOrderId,
      },
      { beforeAttempt: recordSendAttempts({ order }) },
    );
  } catch (error) {
    return { status: "not_sent", reason: error instanceof Error ? error.message : String(error) };
  }
}
