import { createHash } from "node:crypto";
import type { Sql } from "../db/sql";

export const GENESIS_HASH = "0".repeat(64);

/** A point of the chain kept outside the database, to catch a chain rewritten or cut short from its end. */
export type AuditHead = { seq: string; hash: string };

export type ChainProblem =
  | { kind: "missing"; seq: string; detail: string }
  | { kind: "altered"; seq: string; detail: string }
  | { kind: "head_mismatch"; seq: string; detail: string };

export type ChainReport = { entries: number; head: AuditHead | null; problem: ChainProblem | null };

type Row = { seq: bigint; prevHash: string; hash: string; canonical: string };

const BATCH = 1000;

/**
 * Each entry's canonical form, rebuilt here rather than by the database's own audit_log_canonical()
 * (which whoever can alter the table could also alter): the jsonb text of the stored fields plus seq and
 * prevHash. jsonb text is deterministic: keys ordered by length then bytes, ", " and ": " separators.
 * The hash is the lowercase hex SHA-256 of its UTF-8 bytes. Must match the migration's definition.
 */
async function readBatch(db: Sql, afterSeq: bigint): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    SELECT a.seq, a."prevHash", a.hash, jsonb_build_object(
      'seq', a.seq,
      'at', to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'actorType', a."actorType", 'actorId', a."actorId", 'actorName', a."actorName", 'role', a.role,
      'ip', a.ip, 'userAgent', a."userAgent", 'action', a.action, 'outcome', a.outcome, 'target', a.target,
      'idempotencyKey', a."idempotencyKey", 'requestId', a."requestId",
      'before', a.before, 'after', a.after, 'details', a.details, 'prevHash', a."prevHash"
    )::text AS canonical
    FROM "AuditLog" a WHERE a.seq > ${afterSeq} ORDER BY a.seq LIMIT ${BATCH}`;
}

export const hashCanonical = (canonical: string) =>
  createHash("sha256").update(canonical, "utf8").digest("hex");

/**
 * Walks the whole chain in seq order and reports the first entry that is missing (a gap in seq or a
 * broken link) or altered (its hash no longer matches its content); with `expected`, also that the
 * chain still holds that head, unchanged.
 */
export async function verifyAuditChain(
  db: Sql,
  expected?: AuditHead | { hash: string },
): Promise<ChainReport> {
  let previous: AuditHead = { seq: "0", hash: GENESIS_HASH };
  let entries = 0;
  let sawExpected = false;
  const fail = (problem: ChainProblem): ChainReport => ({
    entries,
    head: entries ? previous : null,
    problem,
  });
  for (;;) {
    const rows = await readBatch(db, BigInt(previous.seq));
    for (const row of rows) {
      const seq = row.seq.toString();
      const wanted = (BigInt(previous.seq) + 1n).toString();
      if (seq !== wanted)
        return fail({ kind: "missing", seq: wanted, detail: `entry ${wanted} is missing (next is ${seq})` });
      if (row.prevHash !== previous.hash) {
        return fail({
          kind: "missing",
          seq,
          detail: `entry ${seq} does not follow entry ${previous.seq}: its prevHash differs`,
        });
      }
      if (hashCanonical(row.canonical) !== row.hash) {
        return fail({
          kind: "altered",
          seq,
          detail: `entry ${seq} was altered: its hash does not match its content`,
        });
      }
      if (expected && row.hash === expected.hash) sawExpected = true;
      if (expected && "seq" in expected && seq === expected.seq && row.hash !== expected.hash) {
        return fail({
          kind: "head_mismatch",
          seq,
          detail: `entry ${seq} is not the exported head: the chain was rewritten`,
        });
      }
      previous = { seq, hash: row.hash };
      entries++;
    }
    if (rows.length < BATCH) break;
  }
  if (expected && !sawExpected) {
    const seq = "seq" in expected ? expected.seq : "?";
    return fail({
      kind: "head_mismatch",
      seq,
      detail: `the exported head (entry ${seq}) is not in the chain: entries were removed or rewritten`,
    });
  }
  return { entries, head: entries ? previous : null, problem: null };
}
