import { sql } from "../db/sql";

/**
 * Forgets an in-progress claim whose work had no effect (e.g. an idempotent venue call that failed),
 * so the client may retry with the same key.
 */
export async function releaseIdempotencyClaim(options: { recordId: string }): Promise<void> {
  await sql().$executeRaw`
    DELETE FROM "IdempotencyRecord"
    WHERE id = ${options.recordId}::uuid AND state = 'in_progress'::"IdempotencyState"`;
}
