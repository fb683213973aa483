import { expireIdempotencyLease } from "../idempotency/expire-idempotency-lease";
import { idempotencySettings } from "../idempotency/idempotency-settings";
import { keepLeaseAlive } from "../idempotency/keep-lease-alive";
import { listStaleIdempotencyRecords } from "../idempotency/list-stale-idempotency-records";
import { purgeExpiredIdempotencyRecords } from "../idempotency/purge-expired-idempotency-records";
import { takeOverIdempotencyLease } from "../idempotency/take-over-idempotency-lease";
import { logger } from "../observability/logger";
import type { VenuePort } from "../venue/port/venue-port";
import { resolveOrderAtVenue } from "./resolve-order-at-venue";
import { OrderOutcomePendingError, resumeOrderOperation } from "./resume-order-operation";
import { claimUnsettledOrders } from "./store/claim-unsettled-orders";
import { findOrder } from "./store/find-orders";

const SYSTEM = { kind: "system" as const, name: "order-sweeper" };
const ORDER_OPERATIONS = new Set(["place_order", "place_batch", "cancel_order"]);

export interface SweepResult {
  purged: number;
  resumed: number;
  resolved: number;
  /** Records and orders that may still execute at the venue, left for a later pass. */
  pending: number;
  failed: number;
}

/**
 * One pass of the order sweeper (safe in every instance at once):
 * 1. purge expired idempotency records;
 * 2. take over in-progress records whose lease ran out (atomic UPDATE ... WHERE lease < now()) and
 *    finish them by venue lookup;
 * 3. settle orders left unknown (or pending without a live record) by lookup, each claimed first by
 *    moving its updatedAt forward so only one instance works on it per lease period.
 * It never places an order: one the venue proves absent is rejected as never having reached it.
 */
export async function sweepOrders(options: { venue: VenuePort }): Promise<SweepResult> {
  const { venue } = options;
  const { leaseMs } = idempotencySettings();
  const result: SweepResult = { purged: 0, resumed: 0, resolved: 0, pending: 0, failed: 0 };
  result.purged = await purgeExpiredIdempotencyRecords();

  for (const stale of await listStaleIdempotencyRecords()) {
    if (!ORDER_OPERATIONS.has(stale.operation ?? "")) continue; // not an order operation: its caller resumes it
    const record = await takeOverIdempotencyLease({ recordId: stale.id, leaseMs });
    if (!record) continue;
    try {
      await keepLeaseAlive({
        recordId: record.id,
        leaseMs,
        work: () => resumeOrderOperation({ venue, record, actor: SYSTEM, ifAbsent: "reject" }),
      });
      result.resumed += 1;
    } catch (error) {
      await expireIdempotencyLease({ recordId: record.id });
      if (error instanceof OrderOutcomePendingError) {
        result.pending += 1;
        continue;
      }
      result.failed += 1;
      logger.warn({ err: error, recordId: record.id }, "could not resume an idempotency record; will retry");
    }
  }

  for (const id of await claimUnsettledOrders({ leaseMs })) {
    const order = await findOrder(id);
    if (!order) continue;
    try {
      const outcome = await resolveOrderAtVenue({ venue, order, ifAbsent: "reject" });
      if (outcome.settled) result.resolved += 1;
      else result.pending += 1;
    } catch (error) {
      result.failed += 1;
      logger.warn({ err: error, orderId: id }, "could not resolve an order at the venue; will retry");
    }
  }
  return result;
}
