/** The request an idempotency record stands for. */
export interface IdempotentRequest {
  /** principalScope(principal): the same key from two callers is two keys. */
  scope: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
}

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
  createdAt: Date;
}

/** What a request finds under its key before doing any work. */
export type IdempotencyLookup =
  | { kind: "none" }
  | { kind: "replay"; outcome: StoredOutcome }
  | { kind: "reused" }
  | { kind: "in_progress"; retryAfterSeconds: number }
  | { kind: "stale"; record: ClaimedRecord };
