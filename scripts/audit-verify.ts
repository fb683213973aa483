// `npm run audit:verify [-- --head <hash|file>] [-- --export-head [file]]`: walks the audit chain and
// reports the first missing or altered entry (exit 1). --head checks the chain still holds a head
// exported earlier and kept outside the database; --export-head prints (or writes) the current head.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openLocalDatabase } from "../lib/db/local-database";

// --export-head takes an optional file: without one the head goes to stdout.
const { values, positionals } = parseArgs({
  options: { head: { type: "string" }, "export-head": { type: "boolean" } },
  allowPositionals: true,
});
const exportTo = values["export-head"] ? (positionals[0] ?? "-") : undefined;

function expectedHead(option: string | undefined) {
  if (!option) return undefined;
  if (/^[0-9a-f]{64}$/.test(option)) return { hash: option };
  if (!existsSync(option)) throw new Error(`--head: ${option} is neither a SHA-256 hash nor a file`);
  const head = JSON.parse(readFileSync(option, "utf8")) as { seq?: unknown; hash?: unknown };
  if (typeof head.hash !== "string" || typeof head.seq !== "string") {
    throw new Error(`--head: ${option} must hold {"seq": "<n>", "hash": "<sha-256>"}`);
  }
  return { seq: head.seq, hash: head.hash };
}

const expected = expectedHead(values.head);
const db = await openLocalDatabase(path.resolve(process.env.TALLY_DATA_DIR ?? ".data"));
process.env.DATABASE_URL = db.url;
let broken = false;
try {
  const { verifyAuditChain } = await import("../lib/audit/verify-audit-chain");
  const { sql } = await import("../lib/db/sql");
  const report = await verifyAuditChain(sql(), expected);
  if (report.problem) {
    console.error(`audit chain BROKEN at entry ${report.problem.seq}: ${report.problem.detail}`);
    console.error(`(${report.entries} entries verified before it)`);
    broken = true;
  } else {
    const head = report.head ? `head ${report.head.seq} ${report.head.hash}` : "empty";
    console.log(
      `audit chain OK: ${report.entries} entries, ${head}${expected ? ", exported head found" : ""}`,
    );
    const target = exportTo;
    if (target && report.head) {
      const exported = `${JSON.stringify({ ...report.head, exportedAt: new Date().toISOString() })}\n`;
      if (target === "-") process.stdout.write(exported);
      else writeFileSync(target, exported);
    }
  }
} finally {
  const { disconnectPrisma } = await import("../lib/db/prisma");
  await disconnectPrisma();
  await db.close();
}
// Explicit: a handle some library leaves behind must neither keep this open nor mask the verdict.
process.exit(broken ? 1 : 0);
