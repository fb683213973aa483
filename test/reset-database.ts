import pg from "pg";
import { env } from "../lib/env";

/**
 * Empties every application table (not the migration history) so each test file starts clean. As the
 * owner, the only role that may switch the audit trail's append-only trigger off for it.
 */
export async function resetDatabase(): Promise<void> {
  const client = new pg.Client({ connectionString: ownerDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
    );
    if (rows.length === 0) return;
    const list = rows.map((t) => `"${t.tablename}"`).join(", ");
    await client.query("BEGIN");
    await client.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"`);
    await client.query(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
    await client.query(`ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only"`);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

/** Empties the named tables (and what references them), as the owner: the app role may not truncate. */
export async function truncateTables(tables: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: ownerDatabaseUrl() });
  await client.connect();
  try {
    await client.query(`TRUNCATE ${tables.map((name) => `"${name}"`).join(", ")} CASCADE`);
  } finally {
    await client.end();
  }
}

export function ownerDatabaseUrl(): string {
  const url = env().DATABASE_OWNER_URL;
  if (!url) throw new Error("DATABASE_OWNER_URL is not set (test/global-setup.ts sets it)");
  return url;
}
