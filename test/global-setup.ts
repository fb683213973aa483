import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/run-prisma-cli";

/**
 * Integration tests run against a real PostgreSQL: TEST_DATABASE_URL when given (a database the tests
 * may wipe), otherwise an embedded server in a temporary directory on a free port.
 */
export default async function setup() {
  let stop = async () => {};
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tally-test-"));
    const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: "tally_test" });
    url = db.url;
    stop = async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  return stop;
}
