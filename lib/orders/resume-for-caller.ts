import type { Principal } from "../auth/principal";
import { DomainError } from "../errors/domain-error";
import type { ClaimedRecord } from "../idempotency/idempotency-types";
import { VenueError } from "../venue/venue-errors";
import { resumeOrderOperation } from "./resume-order-operation";

/**
 * Settles an earlier request whose worker died, for a caller retrying its key: a venue that cannot be
 * reached leaves the record to be taken over again and answers 503 venue_unavailable.
 */
export async function resumeForCaller(options: {
  record: ClaimedRecord;
  actor: Principal;
  requestId?: string;
}) {
  try {
    return await resumeOrderOperation(options);
  } catch (error) {
    if (!(error instanceof VenueError)) throw error;
    throw new DomainError({
      kind: "unavailable",
      code: "venue_unavailable",
      detail: `The venue could not be reached to settle the earlier request with this key (${error.kind}); retry later`,
      retryAfterSeconds: 5,
    });
  }
}
