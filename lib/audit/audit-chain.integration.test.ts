import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { ownerDatabaseUrl, resetDatabase } from "../../test/reset-database";
import { sql, transaction } from "../db/sql";
import { requireDatabaseUrl } from "../env";
import { recordAudit } from "./record-audit";
import { verifyAuditChain } from "./verify-audit-chain";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "tally-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(resetDatabase);

const system = { kind: "system" as const, name: "test" };
const append = (n: number) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      recordAudit({ actor: system, action: "test.append", outcome: "success", target: `t:${i}` }),
    ),
  );

async function asOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ownerDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** As an operator with the owner's credentials could: switch the trigger off, change a row, switch it on. */
const tamper = (statement: string) =>
  asOwner(async (client) => {
    await client.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"`);
    try {
      await client.query(statement);
    } finally {
      await client.query(`ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only"`);
    }
  });

function verifyScript(...args: string[]) {
  return run(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: requireDatabaseUrl() },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      out: error.stdout + error.stderr,
    }),
  );
}

describe("the audit chain", () => {
  it("numbers entries without gaps and links each to the previous one's hash", async () => {
    await append(3);
    await transaction(async (tx) => {
      await recordAudit({ actor: system, action: "test.rolled_back", outcome: "success" }, tx);
      throw new Error("rolled back");
    }).catch(() => {});
    await append(1);
    const rows = await sql().$queryRaw<{ seq: bigint; prevHash: string; hash: string }[]>`
      SELECT seq, "prevHash", hash FROM "AuditLog" ORDER BY seq`;
    expect(rows.map((r) => r.seq)).toEqual([1n, 2n, 3n, 4n]);
    expect(rows[0]?.prevHash).toBe("0".repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
    expect(await verifyAuditChain(sql())).toMatchObject({ entries: 4, problem: null, head: { seq: "4" } });
  });

  it("is refused UPDATE, DELETE and TRUNCATE, and the app's role cannot switch the trigger off", async () => {
    await append(2);
    await expect(sql().$executeRaw`UPDATE "AuditLog" SET action = 'x'`).rejects.toThrow(
      /permission denied|append-only/,
    );
    await expect(sql().$executeRaw`DELETE FROM "AuditLog"`).rejects.toThrow(/permission denied|append-only/);
    await expect(sql().$executeRaw`TRUNCATE "AuditLog"`).rejects.toThrow(/permission denied|append-only/);
    await expect(
      sql().$executeRaw`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"`,
    ).rejects.toThrow(/must be owner/);
    // The trigger holds even for the owner, who has every privilege on the table.
    for (const statement of [
      `UPDATE "AuditLog" SET action = 'x'`,
      `DELETE FROM "AuditLog"`,
      `TRUNCATE "AuditLog"`,
    ]) {
      await expect(asOwner((client) => client.query(statement))).rejects.toThrow(/append-only/);
    }
    expect(await verifyAuditChain(sql())).toMatchObject({ entries: 2, problem: null });
  });

  it("keeps one unbroken chain under concurrent appends from two app instances", async () => {
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: requireDatabaseUrl(), max: 10 }));
    try {
      await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          (pools[i % 2] as pg.Pool).query(
            `INSERT INTO "AuditLog" ("actorType", "actorName", action, outcome) VALUES ('system', $1, 'test.concurrent', 'success')`,
            [`instance-${i % 2}`],
          ),
        ),
      );
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
    expect(await verifyAuditChain(sql())).toMatchObject({
      entries: 200,
      problem: null,
      head: { seq: "200" },
    });
  });

  it("npm run audit:verify passes, then names the first entry altered or removed behind the trigger's back", async () => {
    await append(5);
    const headFile = path.join(dir, "head.json");
    const ok = await verifyScript("--export-head", headFile);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toContain("audit chain OK: 5 entries");
    const head = JSON.parse(readFileSync(headFile, "utf8")) as { seq: string; hash: string };
    expect(head.seq).toBe("5");
    expect(await verifyScript("--head", headFile)).toMatchObject({ code: 0 });

    await tamper(`UPDATE "AuditLog" SET target = 'forged' WHERE seq = 3`);
    const altered = await verifyScript();
    expect(altered.code).toBe(1);
    expect(altered.out).toContain("BROKEN at entry 3");
    expect(altered.out).toContain("altered");
  });

  it("reports a removed entry, and a chain cut short at its end against the exported head", async () => {
    await append(4);
    const { head } = await verifyAuditChain(sql());
    await tamper(`DELETE FROM "AuditLog" WHERE seq = 2`);
    expect((await verifyAuditChain(sql())).problem).toMatchObject({ kind: "missing", seq: "2" });

    await resetDatabase();
    await append(4);
    const exported = (await verifyAuditChain(sql())).head;
    await tamper(`DELETE FROM "AuditLog" WHERE seq = 4`);
    expect((await verifyAuditChain(sql())).problem).toBeNull();
    expect((await verifyAuditChain(sql(), exported ?? undefined)).problem).toMatchObject({
      kind: "head_mismatch",
    });
    expect(head).not.toEqual(exported);
  });
});
