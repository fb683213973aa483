import { sql } from "../../db/sql";

/**
 * The newest recorded send (lastSendAt, else the claim's updatedAt) of each order not yet settled
 * (pending_new or unknown) in these symbols (all when omitted), since `since`: the sends that may
 * still reach the venue.
 */
export async function findSendsInFlight(options: {
  symbol?: string;
  since: Date;
}): Promise<Array<{ id: string; sentAt: Date }>> {
  return sql().$queryRaw<Array<{ id: string; sentAt: Date }>>`
    SELECT id, COALESCE("lastSendAt", "updatedAt") AS "sentAt" FROM "Order"
    WHERE status IN ('pending_new', 'unknown')
      AND COALESCE("lastSendAt", "updatedAt") >= ${options.since}::timestamptz
      AND (${options.symbol ?? null}::text IS NULL OR symbol = ${options.symbol ?? null}::text)`;
}
