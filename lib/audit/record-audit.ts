import type { Principal } from "../auth/principal";
import type { Prisma } from "../db/prisma";
import { sql } from "../db/sql";
import { logger } from "../observability/logger";
import { currentAuditRequestContext } from "./audit-request-context";

export type AuditActor =
  | Principal
  | { kind: "webhook"; id: string; name: string; role?: string }
  | { kind: "system"; name: string }
  | { kind: "anonymous"; name?: string };

type AuditEntry = {
  actor: AuditActor;
  action: string;
  outcome: "success" | "failure" | "denied";
  target?: string;
  /** The next four default to the request being served (see runWithAuditRequestContext). */
  ip?: string;
  requestId?: string;
  userAgent?: string;
  idempotencyKey?: string;
  /** Summaries of the target before and after the change (never secrets). */
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  details?: Prisma.InputJsonValue;
};

type Executor = { $executeRaw: (query: TemplateStringsArray, ...values: unknown[]) => Promise<number> };

const MAX_USER_AGENT = 512;

const json = (value: Prisma.InputJsonValue | undefined) =>
  value === undefined ? null : JSON.stringify(value);

/**
 * Appends one entry to the audit chain; given a transaction client, the entry commits with the change
 * it records (and the chain's lock is held until that transaction ends). The AuditLog_chain trigger
 * assigns seq, time, prevHash and hash. Secrets must never be passed in `before`, `after` or `details`.
 */
export async function recordAudit(entry: AuditEntry, db: Executor = sql()): Promise<void> {
  const { actor } = entry;
  const request = currentAuditRequestContext();
  const ip = entry.ip ?? request?.ip ?? null;
  const requestId = entry.requestId ?? request?.requestId ?? null;
  const userAgent = (entry.userAgent ?? request?.userAgent)?.slice(0, MAX_USER_AGENT) ?? null;
  const idempotencyKey = entry.idempotencyKey ?? request?.idempotencyKey ?? null;
  const role = "role" in actor ? (actor.role ?? null) : null;
  await db.$executeRaw`
    INSERT INTO "AuditLog" ("actorType", "actorId", "actorName", role, action, outcome, target, ip,
                            "userAgent", "idempotencyKey", "requestId", before, after, details)
    VALUES (${actor.kind}, ${"id" in actor ? actor.id : null}, ${actor.name ?? null}, ${role}, ${entry.action},
            ${entry.outcome}, ${entry.target ?? null}, ${ip}, ${userAgent}, ${idempotencyKey}, ${requestId},
            ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb, ${json(entry.details)}::jsonb)`;
  logger.info(
    { audit: entry.action, outcome: entry.outcome, actor: actor.name, target: entry.target, requestId },
    "audit",
  );
}
