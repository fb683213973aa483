// `npm start` / `npm run dev`: embedded PostgreSQL (unless DATABASE_URL is set), migrations, the
// simulated venue (VENUE=sim), a production build when needed, then the Next.js server.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import exitHook from "async-exit-hook";
import { passwordWeakness } from "../lib/auth/password-policy";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { findFreePort } from "../lib/db/free-port";
import { prepareDatabase } from "../lib/db/prepare-database";
import { parseEnv } from "../lib/env";
import { CLIENT_IP_HEADER } from "../lib/http/client-ip";
import { stopStartedBackgroundServices } from "../lib/runtime/started-services";
import { applySecurityHeaders } from "./lib/apply-security-headers";
import { buildIsStale, runNextBuild } from "./lib/build-if-needed";
import { compressPagesAndAssets } from "./lib/compress-pages-and-assets";
import { lockDataDir } from "./lib/data-dir-lock";
import { refuseUnknownMethod } from "./lib/refuse-unknown-methods";
import { type SimProcess, startSimProcess } from "./lib/sim-process";
import { watchParent } from "./lib/watch-parent";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
process.env.NEXT_TELEMETRY_DISABLED = "1";

const say = (line: string) => console.log(`[tally] ${line}`);

let config: ReturnType<typeof parseEnv>;
try {
  config = parseEnv(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const adminPasswordWeakness = config.ADMIN_PASSWORD && passwordWeakness("admin", config.ADMIN_PASSWORD);
if (adminPasswordWeakness) {
  console.error(`ADMIN_PASSWORD is refused: it ${adminPasswordWeakness}`);
  process.exit(2);
}

const dataDir = path.resolve(root, config.TALLY_DATA_DIR);
mkdirSync(dataDir, { recursive: true });
let db: EmbeddedDatabase | undefined;
let sim: SimProcess | undefined;
let server: http.Server | undefined;
let releaseLock: () => void = () => {};
let stopping = false;
const stopBuild = new AbortController();

const atMost = (ms: number, work: Promise<unknown>) =>
  Promise.race([work.catch(() => {}), new Promise((resolve) => setTimeout(resolve, ms))]);

async function shutdown(): Promise<void> {
  stopBuild.abort();
  const closeServer = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server?.closeAllConnections();
  await closeServer;
  // The pool closes before PostgreSQL stops; the other way round every idle connection reports its loss.
  await atMost(5_000, stopStartedBackgroundServices());
  const { closeEventBus } = await import("../lib/events/subscribe-events");
  await atMost(2_000, closeEventBus());
  const { closeDatabaseForShutdown } = await import("../lib/db/prisma");
  // Bounded: with PostgreSQL already gone, closing a connection in use can wait forever.
  await atMost(3_000, closeDatabaseForShutdown());
  await Promise.allSettled([sim?.stop(), db?.stop()]);
}

exitHook.forceExitTimeout(20_000);
exitHook((done: () => void) => {
  stopping = true;
  shutdown().finally(() => {
    releaseLock();
    say("stopped");
    done();
  });
});

/** Stops everything as a signal would: the exit hook above runs. */
function stopBecause(reason: string) {
  if (stopping) return;
  say(`${reason}; stopping`);
  process.kill(process.pid, "SIGTERM");
}
watchParent(() => stopBecause("the process that started Tally is gone"));

async function main() {
  releaseLock = lockDataDir(dataDir);

  if (!config.DATABASE_URL) {
    say(`starting embedded PostgreSQL in ${path.join(dataDir, "pg")}`);
    db = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), database: "tally" });
    db.ending.then(() => stopBecause("PostgreSQL is shutting down"));
  }
  say("applying database migrations");
  // The app connects as a least-privilege role: only the owner could switch the audit trail's trigger off.
  process.env.DATABASE_URL = await prepareDatabase(
    db
      ? { ownerUrl: db.url }
      : {
          ownerUrl: config.DATABASE_OWNER_URL ?? (config.DATABASE_URL as string),
          appUrl: config.DATABASE_URL,
        },
  );

  // Imported only now: the Prisma client reads DATABASE_URL when first used.
  const { ensureInitialAdmin } = await import("../lib/auth/users");
  const generated = !config.ADMIN_PASSWORD;
  const adminPassword = config.ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");
  const createdAdmin = await ensureInitialAdmin(adminPassword);
  // Said straight away, so a later start-up failure cannot swallow the only copy of the password.
  if (createdAdmin && generated) {
    say(`first start: created user "admin" (role risk) with password ${adminPassword}`);
    say("this password is shown once; add users on the Admin page or with `npm run user:create`");
  } else if (createdAdmin) {
    say('first start: created user "admin" (role risk) with the password from ADMIN_PASSWORD');
  }

  if (config.VENUE === "sim" && !process.env.SIM_PORT) {
    // TALLY_SIM_PORT: spawn the sim on a known port (tests drive its /__sim control endpoints).
    const port = config.TALLY_SIM_PORT ?? (await findFreePort());
    sim = await startSimProcess({
      root,
      port,
      env: process.env,
      stateFile: path.join(dataDir, "sim", "state.json"),
    });
    sim.exited.then(() => stopBecause("the simulated venue stopped"));
    process.env.SIM_PORT = String(port);
    say(`simulated venue listening on http://127.0.0.1:${port}`);
  } else if (config.VENUE === "sim") {
    say(`using the simulated venue already running at ${config.SIM_HOST}:${config.SIM_PORT}`);
  }

  if (!dev && buildIsStale(root)) {
    say("building the dashboard (next build)");
    await runNextBuild(root, stopBuild.signal);
  }
  if (stopping) return;

  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname: config.HOST, port: config.PORT });
  const handle = app.getRequestHandler();
  const compress = compressPagesAndAssets();
  await app.prepare();
  server = http.createServer((req, res) => {
    // The client address comes from the socket, never from what the client claims.
    const forwarded = String(req.headers["x-forwarded-for"] ?? "")
      .split(",")
      .at(-1)
      ?.trim();
    req.headers[CLIENT_IP_HEADER] =
      (config.TRUST_PROXY && forwarded) || req.socket.remoteAddress || "unknown";
    if (!config.TRUST_PROXY) {
      delete req.headers["x-forwarded-for"];
      delete req.headers["x-forwarded-host"];
      delete req.headers["x-forwarded-proto"];
    }
    applySecurityHeaders(req, res, dev);
    void refuseUnknownMethod(req, res, { port: config.PORT }).then((refused) => {
      if (!refused) compress(req, res, () => void handle(req, res));
    });
  });
  if (dev) server.on("upgrade", app.getUpgradeHandler());
  await new Promise<void>((resolve, reject) => {
    server?.once("error", reject);
    server?.listen(config.PORT, config.HOST, () => resolve());
  });

  const shownHost = config.HOST === "127.0.0.1" || config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
  say(`dashboard ready on http://${shownHost}:${config.PORT}${dev ? " (development mode)" : ""}`);
  say(
    createdAdmin
      ? 'sign in as "admin" with the password above'
      : 'sign in with an existing user (the first start created "admin")',
  );
  say("press Ctrl-C to stop");
}

main().catch((error: Error) => {
  if (stopping) return; // a start-up step cut short by the shutdown
  console.error(`[tally] failed to start: ${error.message}`);
  process.exit(1);
});
