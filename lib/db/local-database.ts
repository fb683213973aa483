import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { rawEnvironment } from "../env";
import { isProcessAlive } from "../runtime/is-process-alive";
import { databaseUrlFor, startEmbeddedPostgres } from "./embedded-postgres";

export type LocalDatabase = {
  url: string;
  /** The schema owner's URL (migrations, grants): DATABASE_OWNER_URL, else the one URL there is. */
  ownerUrl: string;
  /** Whether this is the embedded cluster, whose app role the tools create themselves. */
  embedded: boolean;
  close(): Promise<void>;
};

function runningPostmasterPort(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  if (!isProcessAlive(Number.parseInt(pidLine ?? "", 10))) return undefined;
  const port = Number.parseInt(portLine ?? "", 10);
  return Number.isInteger(port) ? port : undefined;
}

/**
 * For command-line tools: DATABASE_URL when set; else the embedded cluster in the data dir, joining
 * the server a running `npm start` owns, or starting it just for this command.
 */
export async function openLocalDatabase(dataDir: string): Promise<LocalDatabase> {
  const { DATABASE_URL: configured, DATABASE_OWNER_URL: owner } = rawEnvironment();
  if (configured)
    return { url: configured, ownerUrl: owner || configured, embedded: false, close: async () => {} };
  const pgDir = path.join(dataDir, "pg");
  const port = runningPostmasterPort(pgDir);
  if (port) {
    const url = databaseUrlFor(port, "tally");
    return { url, ownerUrl: url, embedded: true, close: async () => {} };
  }
  const db = await startEmbeddedPostgres({ dataDir: pgDir, database: "tally" });
  return { url: db.url, ownerUrl: db.url, embedded: true, close: () => db.stop() };
}
