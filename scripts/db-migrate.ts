// `npm run db:migrate`: applies pending migrations to DATABASE_URL (as DATABASE_OWNER_URL when set, then
// grants the DATABASE_URL role its rights), or to the embedded database in TALLY_DATA_DIR.
import path from "node:path";
import { openLocalDatabase } from "../lib/db/local-database";
import { prepareDatabase } from "../lib/db/prepare-database";
import { runPrismaCli } from "../lib/db/run-prisma-cli";

const db = await openLocalDatabase(path.resolve(process.env.TALLY_DATA_DIR ?? ".data"));
try {
  await prepareDatabase({ ownerUrl: db.ownerUrl, appUrl: db.embedded ? undefined : db.url });
  console.log(await runPrismaCli({ args: ["migrate", "status"], databaseUrl: db.ownerUrl }));
} finally {
  await db.close();
}
