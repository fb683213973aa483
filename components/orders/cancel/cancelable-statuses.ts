import type { OrderStatus } from "@/lib/orders/order-wire-schema";

/** Statuses an operator may cancel from a list: resting at the venue, possibly partly filled. */
export const CANCELABLE_STATUSES: ReadonlySet<OrderStatus> = new Set(["open", "partially_filled"]);
