import type { AuditEntryView } from "./audit-wire-schema";

/** Cells a spreadsheet would run as a formula (or, with a tab or CR, shift into one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break. A cell that could start a
 * formula is prefixed with `'` and quoted, so Excel, LibreOffice and Sheets show it as text.
 */
export function csvCell(value: string | null): string {
  if (value === null || value === "") return "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return text !== value || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const AUDIT_CSV_COLUMNS = [
  "seq",
  "at",
  "actorType",
  "actorId",
  "actorName",
  "role",
  "ip",
  "userAgent",
  "action",
  "outcome",
  "target",
  "idempotencyKey",
  "requestId",
  "before",
  "after",
  "details",
  "prevHash",
  "hash",
] as const;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export function auditCsvRow(entry: AuditEntryView): string {
  const cells = [
    entry.seq,
    entry.at,
    entry.actor.type,
    entry.actor.id,
    entry.actor.name,
    entry.role,
    entry.ip,
    entry.userAgent,
    entry.action,
    entry.outcome,
    entry.target,
    entry.idempotencyKey,
    entry.requestId,
    json(entry.before),
    json(entry.after),
    json(entry.details),
    entry.prevHash,
    entry.hash,
  ];
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** The CSV document, line by line: the header, then one row per entry as they arrive. */
export async function* auditCsvLines(entries: AsyncIterable<AuditEntryView>): AsyncGenerator<string> {
  yield `${AUDIT_CSV_COLUMNS.join(",")}\r\n`;
  for await (const entry of entries) yield auditCsvRow(entry);
}
