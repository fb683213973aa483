import { Prisma } from "../db/generated/prisma/client";
import { sql } from "../db/sql";
import { DomainError } from "../errors/domain-error";
import type { IntentStatus } from "./intent-schema";

export interface IntentView {
  id: string;
  sourceId: string;
  webhookId: string;
  type: string;
  payload: unknown;
  status: IntentStatus;
  orderId: string | null;
  error: { code: string; detail: string } | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

type IntentRow = Omit<IntentView, "createdAt" | "updatedAt"> & { createdAt: Date; updatedAt: Date };

const view = (row: IntentRow): IntentView => ({
  id: row.id,
  sourceId: row.sourceId,
  webhookId: row.webhookId,
  type: row.type,
  payload: row.payload,
  status: row.status,
  orderId: row.orderId,
  error: row.error,
  attempts: row.attempts,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const COLUMNS = Prisma.sql`id, "sourceId", "webhookId", type, payload, status, "orderId", error, attempts, "createdAt", "updatedAt"`;

/** The newest intents first, optionally of one source and/or in one status. */
export async function listIntents(filter: { sourceId?: string; status?: IntentStatus; limit: number }) {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.sourceId) where.push(Prisma.sql`"sourceId" = ${filter.sourceId}::uuid`);
  if (filter.status) where.push(Prisma.sql`status = ${filter.status}::"WebhookIntentStatus"`);
  const rows = await sql().$queryRaw<IntentRow[]>`
    SELECT ${COLUMNS} FROM "WebhookIntent" WHERE ${Prisma.join(where, " AND ")}
    ORDER BY "createdAt" DESC LIMIT ${filter.limit}`;
  return rows.map(view);
}

export async function getIntent(id: string): Promise<IntentView> {
  const [row] = await sql().$queryRaw<
    IntentRow[]
  >`SELECT ${COLUMNS} FROM "WebhookIntent" WHERE id = ${id}::uuid`;
  if (!row)
    throw new DomainError({
      kind: "not_found",
      code: "webhook_intent_not_found",
      detail: "No such webhook intent",
    });
  return view(row);
}
