import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { prepareDatabase } from "../lib/db/prepare-database";

/**
 * Integration tests run against a real PostgreSQL: TEST_DATABASE_URL when given (a database the tests
 * may wipe, as its owner, who may create roles), otherwise an embedded server in a temporary directory
 * on a free port. The code under test connects as the least-privilege app role (DATABASE_URL), the
 * harness resets tables as the owner (DATABASE_OWNER_URL), as in production.
 */
export default async function setup() {
  let stop = async () => {};
  let ownerUrl = process.env.TEST_DATABASE_URL;
  if (!ownerUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tally-test-"));
    const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: "tally_test" });
    ownerUrl = db.url;
    stop = async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  process.env.DATABASE_URL = await prepareDatabase({ ownerUrl });
  process.env.DATABASE_OWNER_URL = ownerUrl;
  return stop;
}
