// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database in TALLY_DATA_DIR.
import path from "node:path";
import { openLocalDatabase } from "../lib/db/local-database";
import { applyMigrations, runPrismaCli } from "../lib/db/run-prisma-cli";

const db = await openLocalDatabase(path.resolve(process.env.TALLY_DATA_DIR ?? ".data"));
try {
  await applyMigrations(db.url);
  console.log(await runPrismaCli({ args: ["migrate", "status"], databaseUrl: db.url }));
} finally {
  await db.close();
}
