// The reconciliation engine over a large history: the simulator (its own process, no market) holds our
// account's filled orders and fills (POST /__sim/seed-history), PostgreSQL (embedded) the same rows,
// so a run finds nothing and the figures are the engine's own cost. Measured: (a) the start-up run
// (no cursor: every trade is paged and compared) with the venue's weight limit out of the way, (b) the
// same run at Binance's default limit and our default budget, (c) an incremental run after 1,000 new
// fills at 10k and at 100k orders of history. Baseline: paging the same trades through the same
// adapter with no checks. Venue time is the time a VenuePort call was in flight (pacing waits
// included); local processing is the rest of the wall time.
import { spawn } from "node:child_process";
import net from "node:net";
import { startBenchDatabase } from "./bench-database";
import type { BenchCheck, BenchMeasurement, BenchResult } from "./bench-result";
import { formatMiB, settledMemoryUsed } from "./heap";

const HISTORY_SYMBOL = "BTCUSDT";
const FILLS_PER_ORDER = 3;
const SMALL_ORDERS = 10_000;
const LARGE_ORDERS = Number(process.env.BENCH_RECONCILIATION_ORDERS ?? 100_000);
const NEW_ORDERS = 1_000;
const INCREMENTAL_ROUNDS = 5;
const HOUR = 3_600_000;
const HISTORY_SPACING_MS = 1;
const TRADES_PAGE = 1000;
const WEIGHT = { myTrades: 20, openOrdersAll: 80, account: 20, order: 4 };

type Venue = import("../lib/venue/port/venue-port").VenuePort;
interface Sim {
  restUrl: string;
  wsUrl: string;
  apiKey: string;
  apiSecret: string;
  close(): Promise<void>;
}

/**
 * The simulator in a process of its own, so its state (100,000 orders and 300,000 trades) neither
 * shares the engine's heap and garbage collector nor counts as the engine's memory.
 */
async function startSimProcess(): Promise<Sim> {
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const child = spawn(process.execPath, ["--import", "tsx", "sim/main.ts"], {
    env: {
      ...process.env,
      SIM_PORT: String(port),
      SIM_MARKET: "off",
      SIM_SEED: "5",
      SIM_REQUEST_WEIGHT_PER_MINUTE: "1000000000",
      SIM_API_KEY: "bench-key",
      SIM_API_SECRET: "bench-secret",
      // stdin is its lifeline: the simulator stops when the bench dies
      SIM_EXIT_WITH_PARENT: "1",
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`simulator exited (${code})`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("sim listening")) resolve();
    });
  });
  return {
    restUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    apiKey: "bench-key",
    apiSecret: "bench-secret",
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

interface RunFigures {
  wallMs: number;
  venueMs: number;
  localMs: number;
  peakRss: number;
  peakHeap: number;
  /** Heap + array buffers after a full GC before the run (the sim's state included). */
  settledBefore: number;
  requests: number;
  weight: number;
  rateLimited: number;
  trades: number;
  found: number;
  /** Every mismatch the run saw (type and subject): a clean history should have none. */
  seen: string[];
  status: string;
  /** Time per step of the run (trades, sweep, orders, open_orders, balances, record, heal). */
  steps: Record<string, number>;
}

/** Wraps a VenuePort so the time any of its calls is in flight is counted (overlapping calls once). */
function timedVenue(venue: Venue) {
  let inFlight = 0;
  let since = 0;
  let total = 0;
  const proxy = new Proxy(venue, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        if (inFlight++ === 0) since = performance.now();
        return result.finally(() => {
          if (--inFlight === 0) total += performance.now() - since;
        });
      };
    },
  });
  return { venue: proxy, venueMs: () => total };
}

async function simControl<T>(sim: Sim, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sim.restUrl}/__sim/${route}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sim ${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function run(): Promise<BenchResult> {
  const db = await startBenchDatabase("recon");
  process.env.LOG_LEVEL ??= "warn";
  const { createVenue } = await import("../lib/venue/create-venue");
  const { syncInstruments } = await import("../lib/instruments/sync-instruments");
  const { runReconciliation } = await import("../lib/reconciliation/run-reconciliation");
  const { SETTLE_MARGIN_MS } = await import("../lib/reconciliation/settle-margin");
  const { sql } = await import("../lib/db/sql");
  const { prisma } = await import("../lib/db/prisma");
  const { Decimal } = await import("decimal.js");

  const sim = await startSimProcess();
  const venueConfig = (overrides: object) =>
    createVenue({
      venue: "sim",
      exchangeId: "binance",
      apiKey: sim.apiKey,
      apiSecret: sim.apiSecret,
      sim: { restUrl: sim.restUrl, wsUrl: sim.wsUrl },
      ...overrides,
    });
  // Out of the way: the venue's limit, our weight budget and the request-rate bucket.
  const fast = venueConfig({
    weightBudgetPerMinute: 1_000_000_000,
    rateLimit: { capacity: 100_000, refillPerSecond: 100_000 },
  });
  const settings = {
    autoHealMaxNotional: new Decimal(1000),
    lookbackMs: 48 * HOUR,
    stuckMs: 300_000,
  };

  let historyEnd = 0;
  const loadHistory = async (orders: number, fillsPerOrder: number, prefix: string) => {
    // Ends before now by more than the settle margin, so every trade is ripe for the run, unless that
    // would put it before the previous seeding: the venue's balances, moved by that seed, reflect
    // every trade up to then (their updateTime), so newer history must come after it.
    const startTime = Math.max(
      Date.now() - orders * HISTORY_SPACING_MS - 2 * SETTLE_MARGIN_MS,
      historyEnd + 1,
    );
    const seeded = await simControl<{ fills: number; firstOrderId: number }>(sim, "POST", "seed-history", {
      symbol: HISTORY_SYMBOL,
      orders,
      fillsPerOrder,
      startTime,
      spacingMs: HISTORY_SPACING_MS,
      clientOrderIdPrefix: prefix,
    });
    historyEnd = Math.max(startTime + orders * HISTORY_SPACING_MS, Date.now());
    const started = performance.now();
    const allOrders = await simControl<{ clientOrderId: string }[]>(sim, "GET", "orders");
    const ours = JSON.stringify(allOrders.filter((order) => order.clientOrderId.startsWith(prefix)));
    await sql().$executeRaw`
      INSERT INTO "Order" (id, "clientOrderId", venue, "venueOrderId", symbol, side, type, "timeInForce",
        quantity, price, "filledQuantity", "averagePrice", status, origin, "lastSendAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), o."clientOrderId", 'sim', o."orderId"::text, i.symbol,
        lower(o.side)::"OrderSide", lower(o.type)::"OrderType", o."timeInForce"::"TimeInForce",
        o."origQty"::numeric, o.price::numeric, o."executedQty"::numeric,
        o."cummulativeQuoteQty"::numeric / NULLIF(o."executedQty"::numeric, 0), 'filled', 'tally',
        to_timestamp(o.time / 1000.0), to_timestamp(o.time / 1000.0), now()
      FROM json_to_recordset(${ours}::json) AS o("clientOrderId" text, "orderId" bigint, symbol text,
        side text, type text, "timeInForce" text, "origQty" text, price text, "executedQty" text,
        "cummulativeQuoteQty" text, time bigint)
      JOIN "Instrument" i ON i.base || i.quote = o.symbol`;
    const allTrades = await simControl<{ orderId: number }[]>(sim, "GET", "trades");
    const newTrades = JSON.stringify(allTrades.filter((trade) => trade.orderId >= seeded.firstOrderId));
    await sql().$executeRaw`
      INSERT INTO "Fill" (id, "orderId", venue, "venueTradeId", price, quantity, fee, "feeAsset", liquidity,
        source, "executedAt")
      SELECT gen_random_uuid(), o.id, 'sim', t.id::text, t.price::numeric, t.qty::numeric,
        t.commission::numeric, t."commissionAsset", CASE WHEN t."isMaker" THEN 'maker' ELSE 'taker' END,
        'venue_stream', to_timestamp(t.time / 1000.0)
      FROM json_to_recordset(${newTrades}::json) AS t(id bigint, "orderId" bigint, price text, qty text,
        commission text, "commissionAsset" text, "isMaker" boolean, time bigint)
      JOIN "Order" o ON o.venue = 'sim' AND o."venueOrderId" = t."orderId"::text`;
    await sql().$executeRaw`ANALYZE "Order"`;
    await sql().$executeRaw`ANALYZE "Fill"`;
    return { fills: seeded.fills, insertMs: performance.now() - started };
  };

  const measureRun = async (base: Venue): Promise<RunFigures> => {
    const timed = timedVenue(base);
    const settledBefore = settledMemoryUsed();
    const before = base.getCounters();
    let peakRss = process.memoryUsage().rss;
    let peakHeap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, 10);
    const started = performance.now();
    const { run } = await runReconciliation({
      venue: timed.venue,
      trigger: "manual",
      settings,
      // As if a little later: the newest seeded trades are past the settle margin.
      now: () => Date.now() + SETTLE_MARGIN_MS + 1_000,
    });
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    const after = base.getCounters();
    const row = await prisma().reconciliationRun.findUniqueOrThrow({ where: { id: run.id } });
    const seen = await prisma().mismatch.findMany({
      where: { sightings: { some: { runId: run.id } } },
      select: { type: true, subject: true },
    });
    const checked = row.checked as { trades?: number; durationsMs?: Record<string, number> } | null;
    return {
      wallMs,
      venueMs: timed.venueMs(),
      localMs: wallMs - timed.venueMs(),
      peakRss,
      peakHeap,
      settledBefore,
      requests: after.requests - before.requests,
      weight: row.venueWeight ?? Number.NaN,
      rateLimited: after.rateLimited - before.rateLimited,
      trades: checked?.trades ?? 0,
      found: row.found,
      seen: seen.map((mismatch) => `${mismatch.type} ${mismatch.subject}`),
      status: run.status,
      steps: checked?.durationsMs ?? {},
    };
  };

  /**
   * (c): rounds of 1,000 new fills then a run; the round with the median wall time (one run of about
   * 100 ms is at the mercy of a GC pause).
   */
  const incrementalRuns = async (prefix: string): Promise<RunFigures> => {
    const rounds: RunFigures[] = [];
    for (let round = 0; round < INCREMENTAL_ROUNDS; round++) {
      await loadHistory(NEW_ORDERS, 1, `${prefix}${round}-`);
      rounds.push(await measureRun(fast));
    }
    rounds.sort((a, b) => a.wallMs - b.wallMs);
    const median = rounds[Math.floor(rounds.length / 2)] as RunFigures;
    // Every round must have found nothing, not only the median one.
    return { ...median, seen: rounds.flatMap((figures) => figures.seen) };
  };

  /** The fewest requests' weight the venue's paging allows for one run over `trades` trades. */
  const minimumWeight = (tradesBySymbol: number[], liveOrders: number) =>
    tradesBySymbol.reduce(
      (sum, trades) => sum + Math.max(1, Math.ceil(trades / TRADES_PAGE)) * WEIGHT.myTrades,
      0,
    ) +
    WEIGHT.openOrdersAll +
    WEIGHT.account +
    liveOrders * WEIGHT.order;

  const forgetRuns = async () => {
    await prisma().$executeRawUnsafe(
      `TRUNCATE "ReconciliationCursor", "ReconciliationRun", "Mismatch" RESTART IDENTITY CASCADE`,
    );
  };

  try {
    await syncInstruments({ venue: fast });
    const symbols = (await fast.loadInstruments()).length;
    const tradesBySymbol = (trades: number) => [trades, ...Array(symbols - 1).fill(0)];

    // Small history: start-up, then 1,000 new fills.
    const small = await loadHistory(SMALL_ORDERS, FILLS_PER_ORDER, "hist-s-");
    const smallStartup = await measureRun(fast);
    const smallIncremental = await incrementalRuns("inc-s-");

    // Large history on a clean account and database.
    await simControl(sim, "POST", "reset");
    historyEnd = 0;
    await prisma().$executeRawUnsafe(`TRUNCATE "Fill", "Order", "BalanceBaseline" RESTART IDENTITY CASCADE`);
    await forgetRuns();
    const large = await loadHistory(LARGE_ORDERS, FILLS_PER_ORDER, "hist-l-");
    const largeStartup = await measureRun(fast);

    // Baseline: the same pages with no checks.
    const pagingStarted = performance.now();
    let paged = 0;
    let cursor: string | null = null;
    for (;;) {
      const page = await fast.fetchTradesSince({ symbol: "BTC/USDT", cursor, limit: TRADES_PAGE });
      paged += page.trades.length;
      if (page.trades.length < TRADES_PAGE) break;
      cursor = page.nextCursor;
    }
    const pagingMs = performance.now() - pagingStarted;

    // (b) the same start-up at Binance's limit, with the adapter's defaults.
    await forgetRuns();
    await simControl(sim, "POST", "limits", { requestWeightPerMinute: 6000 });
    // A start-up begins in a minute nobody else spent: wait for the venue's next one.
    const window = await simControl<{ windowStartedAt: number }>(sim, "GET", "limits");
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, window.windowStartedAt + 60_000 - Date.now() + 200)),
    );
    const limitedVenue = venueConfig({});
    await limitedVenue.checkHealth();
    await simControl(sim, "POST", "limits/reset-counters");
    const limited = await measureRun(limitedVenue);
    const simCounters = await simControl<{ requests: number; totalWeight: number }>(sim, "GET", "limits");
    await limitedVenue.close();
    await simControl(sim, "POST", "limits", { requestWeightPerMinute: 1_000_000_000 });

    // (c) 1,000 new fills on the large history.
    const largeIncremental = await incrementalRuns("inc-l-");

    const largeMin = minimumWeight(tradesBySymbol(large.fills), 0);
    const incMin = minimumWeight(tradesBySymbol(NEW_ORDERS), 0);
    const row = (name: string, figures: RunFigures, minimum: number): BenchMeasurement => ({
      name,
      opsPerSecond: figures.trades / (figures.wallMs / 1000),
      medianMs: figures.wallMs,
      extra: {
        "local ms": figures.localMs.toFixed(0),
        "venue ms": figures.venueMs.toFixed(0),
        trades: String(figures.trades),
        requests: String(figures.requests),
        weight: String(figures.weight),
        "min weight": String(minimum),
        "weight/min": (figures.weight / minimum).toFixed(2),
        "429s": String(figures.rateLimited),
        "peak RSS": formatMiB(figures.peakRss),
        "heap before": formatMiB(figures.settledBefore),
        "peak heap": formatMiB(figures.peakHeap),
        found: String(figures.found),
        seen: figures.seen.join(", ") || "none",
        status: figures.status,
        steps: Object.entries(figures.steps)
          .map(([step, ms]) => `${step} ${ms}`)
          .join(", "),
      },
    });
    const baseline = "paging alone (no checks)";
    const measurements: BenchMeasurement[] = [
      {
        name: baseline,
        opsPerSecond: paged / (pagingMs / 1000),
        medianMs: pagingMs,
        extra: { trades: String(paged) },
      },
      row(`(a) start-up, ${LARGE_ORDERS / 1000}k orders, no limit`, largeStartup, largeMin),
      row(`(b) start-up, ${LARGE_ORDERS / 1000}k orders, 6000/min`, limited, largeMin),
      row(
        `start-up, ${SMALL_ORDERS / 1000}k orders, no limit`,
        smallStartup,
        minimumWeight(tradesBySymbol(small.fills), 0),
      ),
      row(`(c) incremental, ${SMALL_ORDERS / 1000}k orders`, smallIncremental, incMin),
      row(`(c) incremental, ${LARGE_ORDERS / 1000}k orders`, largeIncremental, incMin),
    ];
    const incRatio = largeIncremental.wallMs / smallIncremental.wallMs;
    const checks: BenchCheck[] = [
      {
        name: `(a) local processing < 10 s (${(largeStartup.localMs / 1000).toFixed(2)} s)`,
        passed: largeStartup.localMs < 10_000,
      },
      {
        name: `(a) weight <= 1.2x minimum (${largeStartup.weight} / ${largeMin} = ${(largeStartup.weight / largeMin).toFixed(2)}x)`,
        passed: largeStartup.weight <= 1.2 * largeMin,
      },
      { name: `(b) no 429 at 6000/min (${limited.rateLimited})`, passed: limited.rateLimited === 0 },
      {
        name: `(c) incremental < 1 s at 10k (${smallIncremental.wallMs.toFixed(0)} ms) and 100k (${largeIncremental.wallMs.toFixed(0)} ms)`,
        passed: smallIncremental.wallMs < 1000 && largeIncremental.wallMs < 1000,
      },
      { name: `(c) 100k within 1.5x of 10k (${incRatio.toFixed(2)}x)`, passed: incRatio <= 1.5 },
      {
        name: "every run over the clean history finds nothing (the figures are the engine's own cost)",
        passed: [largeStartup, limited, smallStartup, smallIncremental, largeIncremental].every(
          (figures) => figures.seen.length === 0,
        ),
      },
    ];
    return {
      title: `Reconciliation runs over ${LARGE_ORDERS.toLocaleString("en-US")} orders / ${large.fills.toLocaleString("en-US")} fills`,
      unit: "trades",
      baseline,
      measurements,
      checks,
      notes: [
        "trades/s: trades checked per second of wall time; median ms: the run's wall time (one run each).",
        "local ms: wall time minus the time a VenuePort call was in flight (pacing and rate-bucket waits count as venue time).",
        "min weight: per symbol ceil(trades/1000) myTrades pages (at least 1) x 20, + openOrders without symbol 80 + account 20 (no live orders).",
        `(b) took ${(limited.wallMs / 1000).toFixed(1)} s; the sim saw ${simCounters.requests} requests, ${simCounters.totalWeight} weight.`,
        `loading the rows into PostgreSQL: ${(large.insertMs / 1000).toFixed(1)} s for ${LARGE_ORDERS} orders and ${large.fills} fills (not measured).`,
        "(b) and (c) at 100k ran after (a) on the same rows: (b) with the cursor and findings cleared, in a fresh venue minute.",
        `(c): the median of ${INCREMENTAL_ROUNDS} rounds of 1,000 new fills and a run, at each history size.`,
        "The simulator runs in its own process: RSS and heap are the engine's (heap before: after a full GC, before the run); venue ms include the simulator's work.",
      ],
    };
  } finally {
    await fast.close();
    await sim.close();
    const { disconnectPrisma } = await import("../lib/db/prisma");
    await disconnectPrisma();
    await db.close();
    delete process.env.DATABASE_URL;
  }
}
