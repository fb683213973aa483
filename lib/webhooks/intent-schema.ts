import { z } from "zod";
import { orderInputSchema } from "../orders/order-input-schema";

const placeIntent = z.strictObject({ type: z.literal("order.place"), order: orderInputSchema });

const cancelIntent = z
  .strictObject({
    type: z.literal("order.cancel"),
    orderId: z.uuid("orderId must be a UUID").optional(),
    clientOrderId: z.string().min(1).max(64).optional(),
  })
  .refine((intent) => (intent.orderId === undefined) !== (intent.clientOrderId === undefined), {
    message: "give exactly one of orderId and clientOrderId",
  });

/** The body of a signed webhook: an order to place or one to cancel. */
export const webhookIntentSchema = z.discriminatedUnion("type", [placeIntent, cancelIntent], {
  error: 'type must be "order.place" or "order.cancel"',
});

export type WebhookIntentBody = z.output<typeof webhookIntentSchema>;

export const INTENT_STATUSES = ["queued", "placed", "pending", "canceled", "rejected", "failed"] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];
