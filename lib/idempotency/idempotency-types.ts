/** The request an idempotency record stands for. */
export interface IdempotentRequest {
  /** principalScope(principal): the same key from two callers is two keys. */
  scope: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
}

/** A response as stored and replayed: status and the exact body text. */
export interface StoredResponse {
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
  | { kind: "replay"; response: StoredResponse }
  | { kind: "reused" }
  | { kind: "in_progress"; retryAfterSeconds: number }
  | { kind: "stale"; record: ClaimedRecord };
