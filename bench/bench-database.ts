import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * An embedded PostgreSQL in a fresh temp dir with the migrations applied, set as this process's
 * DATABASE_URL (before the app's modules are loaded); `close` stops it and removes the dir.
 */
export async function startBenchDatabase(name: string): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tally-bench-${name}-`));
  const { startEmbeddedPostgres } = await import("../lib/db/embedded-postgres");
  const { applyMigrations } = await import("../lib/db/run-prisma-cli");
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: "tally" });
  await applyMigrations(db.url);
  process.env.DATABASE_URL = db.url;
  return {
    url: db.url,
    close: async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
