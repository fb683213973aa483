import { type Mismatch, Prisma } from "../../db/generated/prisma/client";
import { sql } from "../../db/sql";
import { type MismatchView, toMismatchView } from "./mismatch-view";
import {
  MISMATCH_SEVERITIES,
  type MismatchSeverity,
  type MismatchSort,
  type MismatchStatus,
  type MismatchType,
} from "./mismatch-vocabulary";
import { decodeCursor, encodeCursor, timeAndId } from "./page-cursor";

export interface ListMismatchesOptions {
  statuses?: MismatchStatus[];
  types?: MismatchType[];
  severities?: MismatchSeverity[];
  symbols?: string[];
  sort: MismatchSort;
  cursor?: string;
  limit: number;
}

type Key = { rank: number; at: Date; id: string };

// Unknown severities sort after the known ones.
const RANK = Prisma.sql`CASE severity ${Prisma.join(
  MISMATCH_SEVERITIES.map((severity, rank) => Prisma.sql`WHEN ${severity} THEN ${rank}::int`),
  " ",
)} ELSE ${MISMATCH_SEVERITIES.length}::int END`;

const timeColumn = (sort: MismatchSort) =>
  sort === "firstSeenAt" ? Prisma.raw(`"firstSeenAt"`) : Prisma.raw(`"lastSeenAt"`);

function keyOf(sort: MismatchSort, row: Mismatch & { rank: number }): Key {
  return { rank: row.rank, at: sort === "firstSeenAt" ? row.firstSeenAt : row.lastSeenAt, id: row.id };
}

function readCursor(sort: MismatchSort, cursor: string): Key {
  return decodeCursor(cursor, (key) => {
    if (!Array.isArray(key) || key.length !== 4 || key[0] !== sort || !Number.isInteger(key[1])) return;
    const rest = timeAndId(key[2], key[3]);
    return rest && { rank: key[1] as number, ...rest };
  });
}

/**
 * Mismatches filtered by comma lists, sorted newest first by lastSeenAt (default) or firstSeenAt, or
 * most severe first then by lastSeenAt; the keyset cursor holds the sort it was made for.
 */
export async function listMismatches(
  options: ListMismatchesOptions,
): Promise<{ mismatches: MismatchView[]; nextCursor: string | null }> {
  const at = timeColumn(options.sort);
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (options.statuses?.length) where.push(Prisma.sql`status IN (${Prisma.join(options.statuses)})`);
  if (options.types?.length) where.push(Prisma.sql`type IN (${Prisma.join(options.types)})`);
  if (options.severities?.length) where.push(Prisma.sql`severity IN (${Prisma.join(options.severities)})`);
  if (options.symbols?.length) where.push(Prisma.sql`symbol IN (${Prisma.join(options.symbols)})`);
  if (options.cursor) {
    const after = readCursor(options.sort, options.cursor);
    const older = Prisma.sql`(${at}, id) < (${after.at}::timestamptz, ${after.id}::uuid)`;
    where.push(
      options.sort === "severity"
        ? Prisma.sql`(${RANK} > ${after.rank}::int OR (${RANK} = ${after.rank}::int AND ${older}))`
        : older,
    );
  }
  const order =
    options.sort === "severity"
      ? Prisma.sql`rank ASC, "lastSeenAt" DESC, id DESC`
      : Prisma.sql`${at} DESC, id DESC`;
  const rows = await sql().$queryRaw<Array<Mismatch & { rank: number }>>`
    SELECT *, ${RANK} AS rank FROM "Mismatch"
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${order}
    LIMIT ${options.limit + 1}`;
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  const key = last && keyOf(options.sort, last);
  return {
    mismatches: page.map(toMismatchView),
    nextCursor:
      rows.length > options.limit && key
        ? encodeCursor([options.sort, key.rank, key.at.toISOString(), key.id])
        : null,
  };
}
