import { completeIdempotencyRecord } from "../idempotency/complete-idempotency-record";
import type { KeyedRequest, StoredOutcome } from "../idempotency/idempotency-types";
import { runIdempotently } from "../idempotency/run-idempotently";
import type { ApiTokenCreatedOutcome } from "./api-token-created-outcome";
import { createApiToken } from "./api-tokens";
import type { Principal } from "./principal";
import type { Role } from "./roles";

export interface ApiTokenRequest {
  actor: Principal;
  request: KeyedRequest;
  name: string;
  role: Role;
  expiresAt?: Date;
  allowedCidrs?: string[];
  ip?: string;
  requestId?: string;
}

/**
 * Creates a token under an Idempotency-Key: the token, its audit entry and the stored outcome commit
 * together. The secret comes back only to this request (`secret`); a replay gets the stored outcome,
 * which never held it.
 */
export async function requestApiToken(
  options: ApiTokenRequest,
): Promise<
  | { replayed: true; outcome: StoredOutcome }
  | { replayed: false; outcome: ApiTokenCreatedOutcome; secret: string }
> {
  let secret: string | undefined;
  const result = await runIdempotently<undefined, never, ApiTokenCreatedOutcome>({
    request: { ...options.request, operation: "create_api_token", targetIds: [] },
    prepare: async () => undefined,
    start: async ({ tx }) => {
      const { actor, name, role, expiresAt, allowedCidrs, ip, requestId } = options;
      const created = await createApiToken({ actor, name, role, expiresAt, allowedCidrs, ip, requestId, tx });
      secret = created.token;
      return { outcome: { kind: "api_token_created", apiToken: created.apiToken } };
    },
    finish: async () => {
      throw new Error("a token is created in its claim");
    },
    resume: async () => {
      throw new Error("a token is created in its claim");
    },
    completeNow: ({ tx, record, outcome }) => completeIdempotencyRecord({ tx, recordId: record.id, outcome }),
  });
  if (result.replayed || !secret) return { replayed: true, outcome: result.outcome };
  return { replayed: false, outcome: result.outcome as ApiTokenCreatedOutcome, secret };
}
