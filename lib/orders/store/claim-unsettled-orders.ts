import { sql } from "../../db/sql";

/**
 * Claims up to `limit` orders left unknown (or pending without a live idempotency record) that no one
 * touched for `leaseMs`, by moving their updatedAt forward, so only one instance works on each per
 * lease period. Returns their ids.
 */
export async function claimUnsettledOrders(options: { leaseMs: number; limit?: number }): Promise<string[]> {
  const rows = await sql().$queryRaw<{ id: string }[]>`
    UPDATE "Order" SET "updatedAt" = now()
    WHERE id IN (
      SELECT o.id FROM "Order" o
      WHERE o.status IN ('unknown'::"OrderStatus", 'pending_new'::"OrderStatus")
        AND o."updatedAt" < now() - ${options.leaseMs}::double precision * interval '1 millisecond'
        AND NOT EXISTS (
          SELECT 1 FROM "IdempotencyRecord" r
          WHERE r.id = o."idempotencyRecordId" AND r.state = 'in_progress'::"IdempotencyState")
      ORDER BY o."updatedAt" LIMIT ${options.limit ?? 20}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  return rows.map((row) => row.id);
}
