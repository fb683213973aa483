import { sql } from "../db/sql";

/** Deletes records past their expiry, in batches; returns how many went. */
export async function purgeExpiredIdempotencyRecords(options: { batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 1_000;
  let total = 0;
  for (;;) {
    const deleted = await sql().$executeRaw`
      DELETE FROM "IdempotencyRecord"
      WHERE id IN (SELECT id FROM "IdempotencyRecord" WHERE "expiresAt" <= now() LIMIT ${batchSize})`;
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
