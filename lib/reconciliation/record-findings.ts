import { createHash } from "node:crypto";
import { type Sql, sql, transaction } from "../db/sql";
import { publishEvent } from "../events/publish-event";
import type { Check, Finding, MismatchType } from "./mismatch-types";
import { CHECK_OF_TYPE } from "./mismatch-types";
import { MISMATCH_TYPES } from "./read/mismatch-vocabulary";

export interface RecordedFinding {
  finding: Finding;
  mismatchId: string;
  status: string;
  /** First seen in this run. */
  raised: boolean;
}

/** Type, subject and deltas: what makes an accepted difference the same difference. */
export function fingerprintOf(finding: Finding): string {
  return createHash("sha256")
    .update(
      [finding.type, finding.subject, finding.quantityDelta ?? "", finding.notionalDelta ?? ""].join("|"),
    )
    .digest("hex")
    .slice(0, 32);
}

async function recordOne(tx: Sql, runId: string, finding: Finding): Promise<RecordedFinding | null> {
  const fingerprint = fingerprintOf(finding);
  const accepted = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Mismatch" WHERE type = ${finding.type} AND subject = ${finding.subject}
      AND status = 'accepted' AND fingerprint = ${fingerprint} LIMIT 1`;
  if (accepted[0]) return null; // accepted as it is, and unchanged
  const existing = await tx.$queryRaw<{ id: string; status: string; fingerprint: string }[]>`
    SELECT id, status, fingerprint FROM "Mismatch"
    WHERE type = ${finding.type} AND subject = ${finding.subject} AND status IN ('open', 'acknowledged')
    FOR UPDATE`;
  const values = {
    expected: JSON.stringify(finding.expected),
    actual: JSON.stringify(finding.actual),
  };
  let row: { id: string; status: string };
  const previous = existing[0];
  if (previous) {
    await tx.$executeRaw`
      UPDATE "Mismatch" SET "lastSeenAt" = now(), severity = ${finding.severity}, fingerprint = ${fingerprint},
        expected = ${values.expected}::jsonb, actual = ${values.actual}::jsonb,
        "quantityDelta" = ${finding.quantityDelta}::numeric, "notionalDelta" = ${finding.notionalDelta}::numeric
      WHERE id = ${previous.id}::uuid`;
    if (previous.fingerprint !== fingerprint) {
      await tx.$executeRaw`
        INSERT INTO "MismatchEvent" ("mismatchId", action, "fromStatus", "toStatus", actor, data, "createdAt")
        VALUES (${previous.id}::uuid, 'changed', ${previous.status}, ${previous.status}, 'reconciliation',
                ${JSON.stringify({ runId, expected: finding.expected, actual: finding.actual })}::jsonb, now())`;
    }
    row = previous;
  } else {
    const inserted = await tx.$queryRaw<{ id: string; status: string }[]>`
      INSERT INTO "Mismatch" (id, type, severity, status, subject, fingerprint, symbol, "orderId", "clientOrderId",
        "venueOrderId", expected, actual, "quantityDelta", "notionalDelta", "firstSeenAt", "lastSeenAt")
      VALUES (gen_random_uuid(), ${finding.type}, ${finding.severity}, 'open', ${finding.subject}, ${fingerprint},
        ${finding.symbol}, ${finding.orderId}::uuid, ${finding.clientOrderId}, ${finding.venueOrderId},
        ${values.expected}::jsonb, ${values.actual}::jsonb, ${finding.quantityDelta}::numeric,
        ${finding.notionalDelta}::numeric, now(), now())
      RETURNING id, status`;
    row = inserted[0] as { id: string; status: string };
    await tx.$executeRaw`
      INSERT INTO "MismatchEvent" ("mismatchId", action, "fromStatus", "toStatus", actor, data, "createdAt")
      VALUES (${row.id}::uuid, 'raised', NULL, 'open', 'reconciliation', ${JSON.stringify({ runId })}::jsonb, now())`;
    await publishEvent(
      {
        type: "mismatch.raised",
        data: { mismatchId: row.id, type: finding.type, severity: finding.severity, symbol: finding.symbol },
      },
      tx,
    );
  }
  await tx.$executeRaw`
    INSERT INTO "MismatchSighting" ("mismatchId", "runId", "seenAt") VALUES (${row.id}::uuid, ${runId}::uuid, now())
    ON CONFLICT DO NOTHING`;
  return { finding, mismatchId: row.id, status: row.status, raised: !previous };
}

/**
 * Records what a run found: one row per (type, subject) while unresolved (the next sighting updates
 * it), a sighting per run, a timeline entry when it is raised or its values change. Unresolved
 * mismatches of the checks that ran in full and were not seen again are resolved "cleared at venue".
 */
export async function recordFindings(options: {
  runId: string;
  findings: Finding[];
  completedChecks: ReadonlySet<Check>;
}): Promise<{ recorded: RecordedFinding[]; cleared: number }> {
  const recorded: RecordedFinding[] = [];
  for (const finding of options.findings) {
    const result = await transaction((tx) => recordOne(tx, options.runId, finding));
    if (result) recorded.push(result);
  }
  const clearable = MISMATCH_TYPES.filter((type: MismatchType) =>
    options.completedChecks.has(CHECK_OF_TYPE[type]),
  );
  const seen = options.findings.map((finding) => `${finding.type}|${finding.subject}`);
  const cleared = await sql().$queryRaw<{ id: string; status: string }[]>`
    WITH gone AS (
      SELECT id, status AS "fromStatus" FROM "Mismatch"
      WHERE status IN ('open', 'acknowledged') AND type = ANY(${clearable as string[]})
        AND NOT (type || '|' || subject = ANY(${seen}))
      FOR UPDATE SKIP LOCKED
    ),
    updated AS (
      UPDATE "Mismatch" m SET status = 'resolved', resolution = 'cleared at venue', "resolvedBy" = 'reconciliation',
        "resolvedAt" = now()
      FROM gone WHERE m.id = gone.id
      RETURNING m.id, gone."fromStatus"
    ),
    event AS (
      INSERT INTO "MismatchEvent" ("mismatchId", action, "fromStatus", "toStatus", actor, note, data, "createdAt")
      SELECT id, 'cleared', "fromStatus", 'resolved', 'reconciliation', 'cleared at venue',
             ${JSON.stringify({ runId: options.runId })}::jsonb, now()
      FROM updated
    )
    SELECT id, "fromStatus" AS status FROM updated`;
  return { recorded, cleared: cleared.length };
}
