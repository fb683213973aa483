// POST /api/orders against the production build and the simulator, started like `npm start`
// (scripts/start.ts on a temp data dir, own port, its own embedded PostgreSQL reused here for the
// floor). Load: 50 concurrent connections, IOC limit orders far from the market (each is accepted by
// the venue and expires at once, so nothing piles up), with distinct keys, then with 20% of requests
// repeating an already completed key (replays). Floor: one bare order-row insert transaction at the
// same concurrency on the same database.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../lib/db/free-port";
import { acquireBuildLock } from "../scripts/lib/build-lock";
import { launchTally } from "../scripts/lib/launch-tally";
import type { BenchMeasurement, BenchResult } from "./bench-result";
import { createBenchToken } from "./create-bench-token";

const CONCURRENCY = 50;
const DURATION_MS = Number(process.env.BENCH_ORDERS_SECONDS ?? 10) * 1000;
const PASSWORD = "bench-password-123";

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

type Sample = { ms: number; status: number; replayed: boolean };

async function runLoad(options: { url: string; token: string; duplicateShare: number; label: string }) {
  const samples: Sample[] = [];
  const completedKeys: string[] = [];
  let n = 0;
  const body = JSON.stringify({
    symbol: "BTC/USDT",
    side: "buy",
    type: "limit",
    quantity: "0.01",
    price: "1000",
    timeInForce: "IOC",
  });
  const deadline = performance.now() + DURATION_MS;
  const started = performance.now();
  const worker = async (w: number) => {
    while (performance.now() < deadline) {
      const duplicate = completedKeys.length > 0 && Math.random() < options.duplicateShare;
      const key = duplicate
        ? (completedKeys[Math.floor(Math.random() * completedKeys.length)] as string)
        : `${options.label}-${w}-${n++}`;
      const t0 = performance.now();
      const response = await fetch(`${options.url}/api/orders`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${options.token}`,
          "idempotency-key": key,
        },
        body,
      });
      await response.arrayBuffer();
      const ms = performance.now() - t0;
      samples.push({
        ms,
        status: response.status,
        replayed: response.headers.get("idempotent-replayed") === "true",
      });
      if (response.status === 201 && !duplicate) completedKeys.push(key);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  const elapsedS = (performance.now() - started) / 1000;
  const fresh = samples.filter((s) => !s.replayed);
  const replays = samples.filter((s) => s.replayed);
  const accepted = fresh.filter((s) => s.status === 201).length;
  const statuses = new Map<number, number>();
  for (const s of samples) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
  return { elapsedS, samples, fresh, replays, accepted, statuses };
}

/** The same server's cheapest route (GET /api/health: public, no database): what HTTP + Next.js alone allow. */
async function measureCeiling(url: string): Promise<{ opsPerSecond: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const deadline = performance.now() + Math.min(DURATION_MS, 5000);
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const response = await fetch(`${url}/api/health`);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /api/health answered ${response.status}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
  const elapsedS = (performance.now() - started) / 1000;
  return {
    opsPerSecond: latencies.length / elapsedS,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function measureFloor(): Promise<{ opsPerSecond: number; p50: number; p99: number }> {
  const { prisma } = await import("../lib/db/prisma");
  const db = prisma();
  const latencies: number[] = [];
  const deadline = performance.now() + Math.min(DURATION_MS, 5000);
  const started = performance.now();
  let n = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      await db.$transaction([
        db.order.create({
          data: {
            clientOrderId: `floor-${process.pid}-${n++}`,
            venue: "bench",
            symbol: "BTC/USDT",
            side: "buy",
            type: "limit",
            timeInForce: "IOC",
            quantity: "0.01",
            price: "1000",
            status: "expired",
          },
        }),
      ]);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
  const elapsedS = (performance.now() - started) / 1000;
  await db.order.deleteMany({ where: { venue: "bench" } });
  return {
    opsPerSecond: latencies.length / elapsedS,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

export async function run(): Promise<BenchResult> {
  const { startEmbeddedPostgres } = await import("../lib/db/embedded-postgres");
  const dir = mkdtempSync(path.join(os.tmpdir(), "tally-bench-orders-"));
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: "tally" });
  const previousDatabaseUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = db.url;
  const releaseLock = await acquireBuildLock();
  const app = await launchTally({
    port: await findFreePort(),
    dataDir: path.join(dir, "data"),
    env: {
      DATABASE_URL: db.url,
      ADMIN_PASSWORD: PASSWORD,
      // The adapter's defaults (2 private requests in flight, 10/s) protect a real venue; the simulator takes more.
      VENUE_PRIVATE_CONCURRENCY: "64",
      VENUE_RATE_LIMIT_PER_SECOND: "100000",
      RISK_MAX_OPEN_ORDERS_PER_SYMBOL: "1000000",
    },
  });
  try {
    const origin = app.baseURL;
    const token = await createBenchToken({ origin, adminPassword: PASSWORD, name: "bench", role: "trader" });
    const instruments = await fetch(`${origin}/api/instruments`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!instruments.ok) throw new Error(`instruments: ${instruments.status}`);

    await runLoad({ url: origin, token, duplicateShare: 0, label: "warmup" }).catch(() => undefined);
    const distinct = await runLoad({ url: origin, token, duplicateShare: 0, label: "distinct" });
    const mixed = await runLoad({ url: origin, token, duplicateShare: 0.2, label: "dup20" });
    const floor = await measureFloor();
    const ceiling = await measureCeiling(origin);

    const row = (name: string, load: Awaited<ReturnType<typeof runLoad>>): BenchMeasurement => {
      const freshMs = load.fresh.map((s) => s.ms);
      const replayMs = load.replays.map((s) => s.ms);
      return {
        name,
        opsPerSecond: load.accepted / load.elapsedS,
        medianMs: percentile(freshMs, 50),
        extra: {
          "p99 ms": percentile(freshMs, 99).toFixed(1),
          replays: String(load.replays.length),
          "replay p50 ms": replayMs.length ? percentile(replayMs, 50).toFixed(1) : "-",
          "replay p99 ms": replayMs.length ? percentile(replayMs, 99).toFixed(1) : "-",
          statuses: [...load.statuses.entries()].map(([s, c]) => `${s}:${c}`).join(" "),
        },
      };
    };
    const measurements: BenchMeasurement[] = [
      {
        name: "floor: bare order insert tx",
        opsPerSecond: floor.opsPerSecond,
        medianMs: floor.p50,
        extra: { "p99 ms": floor.p99.toFixed(1) },
      },
      {
        name: "ceiling: GET /api/health (no database)",
        opsPerSecond: ceiling.opsPerSecond,
        medianMs: ceiling.p50,
        extra: { "p99 ms": ceiling.p99.toFixed(1) },
      },
      row("POST /api/orders, distinct keys", distinct),
      row("POST /api/orders, 20% duplicate keys", mixed),
    ];
    const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
    const worstP99 = Math.max(
      percentile(
        distinct.fresh.map((s) => s.ms),
        99,
      ),
      percentile(
        mixed.fresh.map((s) => s.ms),
        99,
      ),
    );
    const minRate = Math.min(distinct.accepted / distinct.elapsedS, mixed.accepted / mixed.elapsedS);
    const replayP99 = percentile(
      mixed.replays.map((s) => s.ms),
      99,
    );
    return {
      title: `Order placement over HTTP (production build + simulator, ${CONCURRENCY} connections, ${DURATION_MS / 1000} s per run, ${os.cpus().length} cores)`,
      unit: "accepted orders",
      baseline: "floor: bare order insert tx",
      measurements,
      notes: [
        `target >= 300 accepted orders/s: ${minRate.toFixed(0)}/s -> ${verdict(minRate >= 300)}`,
        `target p99 < 100 ms: ${worstP99.toFixed(1)} ms -> ${verdict(worstP99 < 100)}`,
        `target idempotent replay p99 < 5 ms: ${Number.isNaN(replayP99) ? "no replays" : `${replayP99.toFixed(1)} ms`} -> ${verdict(replayP99 < 5)}`,
        "orders: BTC/USDT IOC limit buy 0.01 @ 1000 (accepted by the venue, expires at once: status expired, 201)",
        "the floor is one Prisma transaction inserting one Order row, same database, same concurrency",
        "the ceiling is the same server answering its cheapest route: no order can be placed faster than that",
        `closed loop (Little's law): mean latency = ${CONCURRENCY} connections / throughput, so p99 < 100 ms needs more than ${CONCURRENCY * 10} orders/s; the ceiling here is ${ceiling.opsPerSecond.toFixed(0)}/s`,
      ],
    };
  } finally {
    await app.stop();
    releaseLock();
    const { disconnectPrisma } = await import("../lib/db/prisma");
    await disconnectPrisma();
    await db.stop();
    // The next benchmark must not inherit a URL to the server just stopped.
    if (previousDatabaseUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousDatabaseUrl;
    rmSync(dir, { recursive: true, force: true });
  }
}
