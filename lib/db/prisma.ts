import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { requireDatabaseUrl } from "../env";
import { logger } from "../observability/logger";
import { PrismaClient } from "./generated/prisma/client";

export type { Prisma } from "./generated/prisma/client";

type Holder = { __tallyPrisma?: PrismaClient; __tallyPool?: pg.Pool; __tallyPoolClosedForGood?: boolean };
const holder = globalThis as unknown as Holder;

/**
 * The process's one connection pool, shared by Prisma and the hot paths' plain SQL (lib/db/sql.ts).
 * A transaction idle for 15 s is ended by the server, so a stuck worker cannot hold row locks.
 */
export function pgPool(): pg.Pool {
  if (holder.__tallyPoolClosedForGood) throw new Error("the database pool is closed: the server is stopping");
  if (!holder.__tallyPool) {
    const pool = new pg.Pool({
      connectionString: requireDatabaseUrl(),
      max: 20,
      connectionTimeoutMillis: 15_000,
      options: "-c idle_in_transaction_session_timeout=15000",
    });
    // An idle connection that breaks (server restart, network) is dropped by the pool; without a
    // listener its error would crash the process. The error carries the client: log only what it says.
    pool.on("error", (error: Error & { code?: string }) =>
      logger.warn({ error: error.message, code: error.code }, "idle database connection lost"),
    );
    holder.__tallyPool = pool;
  }
  return holder.__tallyPool;
}

/** One Prisma client per process (Next.js dev reloads modules, so it lives on globalThis). */
export function prisma(): PrismaClient {
  holder.__tallyPrisma ??= new PrismaClient({ adapter: new PrismaPg(pgPool()) });
  return holder.__tallyPrisma;
}

export async function disconnectPrisma(): Promise<void> {
  const { __tallyPrisma: client, __tallyPool: pool } = holder;
  holder.__tallyPrisma = undefined;
  holder.__tallyPool = undefined;
  await client?.$disconnect();
  if (!pool) return;
  // pool.end() resolves before its connections' sockets have closed; a PostgreSQL stopped right after
  // would still end them, each logged as lost. Wait until every one has closed.
  const open = pool.totalCount;
  let closed = 0;
  const allClosed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on("remove", () => {
      if (++closed >= open) resolve();
    });
  });
  await pool.end();
  await allClosed;
}

/**
 * At shutdown, before PostgreSQL stops: work still in flight then fails at once instead of opening a
 * new pool whose connections PostgreSQL's stop would break.
 */
export async function closeDatabaseForShutdown(): Promise<void> {
  holder.__tallyPoolClosedForGood = true;
  await disconnectPrisma();
}
