import type { Principal } from "../auth/principal";
import type { Prisma } from "../db/prisma";
import { prisma } from "../db/prisma";
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

/** Appends one row to the audit trail. Secrets must never be passed in `details`. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  const { actor } = entry;
  await prisma().auditLog.create({
    data: {
      actorType: actor.kind,
      actorId: "id" in actor ? actor.id : null,
      actorName: actor.name ?? null,
      action: entry.action,
      outcome: entry.outcome,
      target: entry.target ?? null,
      ip: entry.ip ?? null,
      requestId: entry.requestId ?? null,
      details: entry.details,
    },
  });
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
