import type { Tx } from "../db/sql";
import { completeIdempotencyRecord } from "../idempotency/complete-idempotency-record";
import type { KeyedRequest, StoredOutcome } from "../idempotency/idempotency-types";
import { runIdempotently } from "../idempotency/run-idempotently";
import type { WebhookSourceView } from "./webhook-sources";

/** What the idempotency record keeps of an answer that carried a secret: the source, never the secret. */
export interface SecretIssuedOutcome extends StoredOutcome {
  kind: "webhook_secret_issued";
  status: 200 | 201;
  source: WebhookSourceView;
}

export interface SecretIssueAnswer {
  status: number;
  body: { source: WebhookSourceView; secret?: string; secretShown: boolean };
  replayed: boolean;
}

/**
 * Runs a change that issues a webhook secret (create, rotate) under an Idempotency-Key. The secret
 * is shown in the first answer only: the stored outcome leaves it out, so a replay answers with the
 * same source and `secretShown: false`.
 */
export async function issueSecretIdempotently(options: {
  request: KeyedRequest;
  operation: string;
  targetId?: string;
  status: 200 | 201;
  issue: (tx: Tx) => Promise<{ source: WebhookSourceView; secret: string }>;
}): Promise<SecretIssueAnswer> {
  let secret: string | undefined;
  const result = await runIdempotently<null, never, SecretIssuedOutcome>({
    request: {
      ...options.request,
      operation: options.operation,
      targetIds: options.targetId ? [options.targetId] : [],
    },
    prepare: async () => null,
    start: async ({ tx }) => {
      const issued = await options.issue(tx);
      secret = issued.secret;
      return { outcome: { kind: "webhook_secret_issued", status: options.status, source: issued.source } };
    },
    finish: async () => {
      throw new Error("a secret issue completes in its claim's transaction");
    },
    // Claim and outcome commit together, so no record of this operation is ever left in progress.
    resume: async () => {
      throw new Error("a secret issue is never left in progress");
    },
    completeNow: ({ tx, record, outcome }) => completeIdempotencyRecord({ tx, recordId: record.id, outcome }),
  });
  const outcome = result.outcome as SecretIssuedOutcome;
  if (result.replayed || secret === undefined)
    return { status: outcome.status, body: { source: outcome.source, secretShown: false }, replayed: true };
  return {
    status: outcome.status,
    body: { source: outcome.source, secret, secretShown: true },
    replayed: false,
  };
}
