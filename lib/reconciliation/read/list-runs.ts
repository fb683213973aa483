import type { Prisma } from "../../db/generated/prisma/client";
import { prisma } from "../../db/prisma";
import type { RunStatus, RunTrigger } from "./mismatch-vocabulary";
import { decodeCursor, encodeCursor, timeAndId } from "./page-cursor";
import { type RunView, toRunView } from "./run-view";

export interface ListRunsOptions {
  statuses?: RunStatus[];
  triggers?: RunTrigger[];
  cursor?: string;
  limit: number;
}

/** Reconciliation runs newest first (startedAt, then id), filtered, with a stable keyset cursor. */
export async function listRuns(
  options: ListRunsOptions,
): Promise<{ runs: RunView[]; nextCursor: string | null }> {
  const and: Prisma.ReconciliationRunWhereInput[] = [];
  if (options.statuses?.length) and.push({ status: { in: options.statuses } });
  if (options.triggers?.length) and.push({ trigger: { in: options.triggers } });
  if (options.cursor) {
    const after = decodeCursor(options.cursor, (key) =>
      Array.isArray(key) && key.length === 2 ? timeAndId(key[0], key[1]) : undefined,
    );
    and.push({ OR: [{ startedAt: { lt: after.at } }, { startedAt: after.at, id: { lt: after.id } }] });
  }
  const rows = await prisma().reconciliationRun.findMany({
    where: { AND: and },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    runs: page.map(toRunView),
    nextCursor:
      rows.length > options.limit && last ? encodeCursor([last.startedAt.toISOString(), last.id]) : null,
  };
}
