/** A request under an Idempotency-Key, as the HTTP layer (defineRoute) received it. */
export interface KeyedRequest {
  /** principalScope(principal): the same key from two callers is two keys. */
  scope: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
}

/** What a keyed request does, stored when its key is claimed so another worker can resume it. */
export interface IdempotentOperation {
  /** e.g. place_order, place_batch, cancel_order. */
  operation: string;
  /** The rows it works on (for placements the order of each leg, in leg order). */
  targetIds: string[];
}

/** The request an idempotency record stands for. */
export type IdempotentRequest = KeyedRequest & IdempotentOperation;

/**
 * The domain outcome of a request, stored with its record as JSON text and presented (lib/http) at the
 * first answer and at every replay, so a replay is byte for byte the first answer. `kind` says which
 * outcome it is; "stored_response" is an answer kept as exact bytes (records completed before outcomes).
 */
export type StoredOutcome = { kind: string };

export interface StoredResponseOutcome extends StoredOutcome {
  kind: "stored_response";
  status: number;
  body: string;
}

export interface ClaimedRecord {
  id: string;
  scope: string;
  key: string;
  method: string;
  path: string;
  /** Null only for records of requests no worker can resume. */
  operation: string | null;
  targetIds: string[];
  createdAt: Date;
}

/** What a request finds under its key before doing any work. */
export type IdempotencyLookup =
  | { kind: "none" }
  | { kind: "replay"; outcome: StoredOutcome }
  | { kind: "reused" }
  | { kind: "in_progress"; retryAfterSeconds: number }
  | { kind: "stale"; record: ClaimedRecord };
