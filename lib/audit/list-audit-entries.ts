import type { AuditLog, Prisma } from "../db/generated/prisma/client";
import { prisma } from "../db/prisma";
import type { AuditEntryView, AuditPage } from "./audit-wire-schema";

export type AuditFilters = {
  /** An actor's name (any case) or id. */
  actor?: string;
  /** An action or its prefix: `order` matches order.place and order.cancel. */
  action?: string;
  /** A target or its prefix: `user:` matches every user. */
  target?: string;
  from?: Date;
  to?: Date;
};

function whereOf(filters: AuditFilters, beforeSeq?: bigint): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (filters.actor) {
    and.push({
      OR: [{ actorName: { equals: filters.actor, mode: "insensitive" } }, { actorId: filters.actor }],
    });
  }
  if (filters.action) and.push({ action: { startsWith: filters.action } });
  if (filters.target) and.push({ target: { startsWith: filters.target } });
  if (filters.from) and.push({ at: { gte: filters.from } });
  if (filters.to) and.push({ at: { lt: filters.to } });
  if (beforeSeq !== undefined) and.push({ seq: { lt: beforeSeq } });
  return { AND: and };
}

export function toAuditEntryView(row: AuditLog): AuditEntryView {
  return {
    seq: row.seq.toString(),
    at: row.at.toISOString(),
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    role: row.role,
    ip: row.ip,
    userAgent: row.userAgent,
    action: row.action,
    outcome: row.outcome,
    target: row.target,
    idempotencyKey: row.idempotencyKey,
    requestId: row.requestId,
    before: row.before,
    after: row.after,
    details: row.details,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

const findPage = (filters: AuditFilters, beforeSeq: bigint | undefined, take: number) =>
  prisma().auditLog.findMany({ where: whereOf(filters, beforeSeq), orderBy: { seq: "desc" }, take });

/** Entries newest first; the cursor is the seq of the last one shown (the chain has no gaps to skip). */
export async function listAuditEntries(
  filters: AuditFilters & { cursor?: bigint; limit: number },
): Promise<AuditPage> {
  const rows = await findPage(filters, filters.cursor, filters.limit + 1);
  const page = rows.slice(0, filters.limit);
  const last = page.at(-1);
  return {
    entries: page.map(toAuditEntryView),
    nextCursor: rows.length > filters.limit && last ? last.seq.toString() : null,
  };
}

const EXPORT_BATCH = 500;

/** Every entry the filters match, newest first, read in batches so an export never holds them all. */
export async function* eachAuditEntry(filters: AuditFilters): AsyncGenerator<AuditEntryView> {
  let beforeSeq: bigint | undefined;
  for (;;) {
    const rows = await findPage(filters, beforeSeq, EXPORT_BATCH);
    for (const row of rows) yield toAuditEntryView(row);
    if (rows.length < EXPORT_BATCH) return;
    beforeSeq = (rows.at(-1) as AuditLog).seq;
  }
}
