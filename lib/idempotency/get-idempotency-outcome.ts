import { prisma } from "../db/prisma";
import { DomainError } from "../errors/domain-error";
import type { StoredOutcome } from "./idempotency-types";

export interface IdempotencyOutcome {
  key: string;
  method: string;
  path: string;
  state: "in_progress" | "completed";
  createdAt: string;
  completedAt: string | null;
  expiresAt: string;
  /** The request's domain outcome once completed (lib/http presents it as the answer it was). */
  outcome: StoredOutcome | null;
}

/** The caller's stored outcome for a key; not_found idempotency_key_not_found when there is none (or it expired). */
export async function getIdempotencyOutcome(options: {
  scope: string;
  key: string;
}): Promise<IdempotencyOutcome> {
  const record = await prisma().idempotencyRecord.findUnique({
    where: { scope_key: { scope: options.scope, key: options.key } },
  });
  if (!record || record.expiresAt.getTime() <= Date.now()) {
    throw new DomainError({
      kind: "not_found",
      code: "idempotency_key_not_found",
      detail: "No stored outcome for this Idempotency-Key",
    });
  }
  return {
    key: record.key,
    method: record.method,
    path: record.path,
    state: record.state,
    createdAt: record.createdAt.toISOString(),
    completedAt: record.completedAt?.toISOString() ?? null,
    expiresAt: record.expiresAt.toISOString(),
    outcome:
      record.state === "completed" && record.outcome !== null
        ? (JSON.parse(record.outcome) as StoredOutcome)
        : null,
  };
}
