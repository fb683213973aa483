import type { Principal } from "../auth/principal";
import { DomainError } from "../errors/domain-error";
import { expireIdempotencyLease } from "../idempotency/expire-idempotency-lease";
import type { ClaimedRecord } from "../idempotency/idempotency-types";
import { VenueError } from "../venue/port/venue-errors";
import type { VenuePort } from "../venue/port/venue-port";
import { OrderOutcomePendingError, resumeOrderOperation } from "./resume-order-operation";

/**
 * Settles an earlier request whose worker died, for a caller retrying its key: an order the venue
 * proves absent is placed now (the caller asks for it again). A venue that cannot be reached answers
 * venue_unavailable, an order that may still execute order_outcome_pending (both "unavailable"); either way the
 * record is left for the next retry to take over at once.
 */
export async function resumeForCaller(options: {
  venue: VenuePort;
  record: ClaimedRecord;
  actor: Principal;
  requestId?: string;
}) {
  try {
    return await resumeOrderOperation({ ...options, ifAbsent: "place" });
  } catch (error) {
    if (error instanceof OrderOutcomePendingError) {
      await expireIdempotencyLease({ recordId: options.record.id });
      throw new DomainError({
        kind: "unavailable",
        code: "order_outcome_pending",
        detail:
          "The earlier request with this key may still execute at the venue; its outcome is known once the venue's execution window has passed. Retry then",
        retryAfterSeconds: Math.ceil(error.retryAfterMs / 1000),
      });
    }
    if (!(error instanceof VenueError)) throw error;
    await expireIdempotencyLease({ recordId: options.record.id });
    throw new DomainError({
      kind: "unavailable",
      code: "venue_unavailable",
      detail: `The venue could not be reached to settle the earlier request with this key (${error.kind}); retry later`,
      retryAfterSeconds: 5,
    });
  }
}
