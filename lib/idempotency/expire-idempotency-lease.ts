import { sql } from "../db/sql";

/**
 * Ends the lease of an in-progress record whose work could not finish yet (the venue was unreachable,
 * or an order may still execute), so the next retry or sweep takes it over at once instead of
 * waiting out the lease.
 */
export async function expireIdempotencyLease(options: { recordId: string }): Promise<void> {
  await sql().$executeRaw`
    UPDATE "IdempotencyRecord" SET "leaseExpiresAt" = now() - interval '1 millisecond'
    WHERE id = ${options.recordId}::uuid AND state = 'in_progress'::"IdempotencyState"`;
}
