import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ownerDatabaseUrl } from "../../test/reset-database";
import { requireDatabaseUrl } from "../env";
import { Prisma } from "./generated/prisma/client";
import { disconnectPrisma, pgPool } from "./prisma";
import { sql, transaction } from "./sql";

/** DDL is the owner's: the app's role (the pool's) only reads and writes rows. */
async function asOwner(statement: string): Promise<void> {
  const owner = new pg.Client({ connectionString: ownerDatabaseUrl() });
  await owner.connect();
  try {
    await owner.query(statement);
  } finally {
    await owner.end();
  }
}

afterAll(async () => {
  await asOwner("DROP TABLE IF EXISTS sql_test");
  await disconnectPrisma();
});

describe("plain SQL on the shared pool", () => {
  it("decodes rows like Prisma: numeric -> Prisma.Decimal (exact), int8 -> bigint, timestamptz -> Date", async () => {
    const rows = await sql().$queryRaw<{ n: Prisma.Decimal; big: bigint; at: Date; s: string | null }[]>`
      SELECT ${"123456789012345678.123456789012345678"}::numeric AS n, 9007199254740993::int8 AS big,
             now() AS at, ${null}::text AS s`;
    const row = rows[0]!;
    expect(row.n).toBeInstanceOf(Prisma.Decimal);
    expect(row.n.toFixed()).toBe("123456789012345678.123456789012345678");
    expect(row.big).toBe(9007199254740993n);
    expect(row.at).toBeInstanceOf(Date);
    expect(row.s).toBeNull();
  });

  it("commits a transaction that resolves and rolls back one that throws", async () => {
    await asOwner("CREATE TABLE IF NOT EXISTS sql_test (k text PRIMARY KEY)");
    await transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO sql_test (k) VALUES (${"kept"})`;
    });
    await expect(
      transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO sql_test (k) VALUES (${"dropped"})`;
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    const rows = await sql().$queryRaw<{ k: string }[]>`SELECT k FROM sql_test ORDER BY k`;
    expect(rows.map((r) => r.k)).toEqual(["kept"]);
  });

  it("survives its idle connections being killed by the server", async () => {
    await Promise.all([sql().$queryRaw`SELECT 1`, sql().$queryRaw`SELECT 2`]);
    expect(pgPool().idleCount).toBeGreaterThan(0);
    const admin = new pg.Client({ connectionString: requireDatabaseUrl() });
    await admin.connect();
    try {
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'",
      );
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const rows = await sql().$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`;
    expect(rows[0]?.ok).toBe(1);
  });
});
