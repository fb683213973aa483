import { sql } from "../db/sql";
import { logger } from "../observability/logger";

/**
 * Runs `work` while extending the record's lease every third of its length, so a slow venue call is
 * never mistaken for a dead worker and taken over.
 */
export async function keepLeaseAlive<T>(options: {
  recordId: string;
  leaseMs: number;
  work: () => Promise<T>;
}): Promise<T> {
  const { recordId, leaseMs } = options;
  const beat = async () => {
    try {
      await sql().$executeRaw`
        UPDATE "IdempotencyRecord"
        SET "leaseExpiresAt" = now() + ${leaseMs}::double precision * interval '1 millisecond'
        WHERE id = ${recordId}::uuid AND state = 'in_progress'::"IdempotencyState"`;
    } catch (error) {
      logger.warn({ recordId, err: error }, "idempotency lease heartbeat failed");
    }
  };
  const timer = setInterval(beat, Math.max(200, Math.floor(leaseMs / 3)));
  timer.unref();
  try {
    return await options.work();
  } finally {
    clearInterval(timer);
  }
}
