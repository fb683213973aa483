import { sql } from "../../db/sql";

/** Records that a send of the order is about to be signed (Order.lastSendAt, the app's clock). */
export async function recordSendAttempt(options: { orderId: string; at: Date }): Promise<void> {
  await sql().$executeRaw`
    UPDATE "Order" SET "lastSendAt" = ${options.at}::timestamptz WHERE id = ${options.orderId}::uuid`;
}
