import type { Principal } from "../auth/principal";
import type { Prisma } from "../db/prisma";
import { sql } from "../db/sql";
import { logger } from "../observability/logger";

export type AuditActor = Principal | { kind: "system"; name: string } | { kind: "anonymous"; name?: string };

type AuditEntry = {
  actor: AuditActor;
  action: string;
  outcome: "success" | "failure" | "denied";
  target?: string;
  ip?: string;
  requestId?: string;
  details?: Prisma.InputJsonValue;
};

type Executor = { $executeRaw: (query: TemplateStringsArray, ...values: unknown[]) => Promise<number> };

/**
 * Appends one row to the audit trail; given a transaction client, the row commits with the change it
 * records. Secrets must never be passed in `details`.
 */
export async function recordAudit(entry: AuditEntry, db: Executor = sql()): Promise<void> {
  const { actor } = entry;
  const details = entry.details === undefined ? null : JSON.stringify(entry.details);
  await db.$executeRaw`
    INSERT INTO "AuditLog" (at, "actorType", "actorId", "actorName", action, outcome, target, ip, "requestId", details)
    VALUES (now(), ${actor.kind}, ${"id" in actor ? actor.id : null}, ${actor.name ?? null}, ${entry.action},
            ${entry.outcome}, ${entry.target ?? null}, ${entry.ip ?? null}, ${entry.requestId ?? null}, ${details}::jsonb)`;
  logger.info(
    {
      audit: entry.action,
      outcome: entry.outcome,
      actor: actor.name,
      target: entry.target,
      requestId: entry.requestId,
    },
    "audit",
  );
}
