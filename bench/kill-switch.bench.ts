// The kill switch under load: two app instances (test/route-server.ts, own processes and venue
// clients, the venue request rate raised to 1000/s as the simulator allows) on one embedded
// PostgreSQL and the simulator (in-process), with 200 open orders over three symbols (placed through
// a third instance, the per-symbol open-order limit raised to allow them). Each round: instance B places
// orders one after another while instance A receives `POST /api/kill-switch/engage` with
// cancelOpenOrders; measured from the engage request: B's first 423, A's answer (the cancels were
// sent and answered), and the `kill_switch.open_orders_checked` event with zero open (the venue
// confirmed nothing open), and when the simulator executed the last cancel (its orders' updateTime).
import { randomUUID } from "node:crypto";
import { startBenchDatabase } from "./bench-database";
import type { BenchCheck, BenchMeasurement, BenchResult } from "./bench-result";

const OPEN_ORDERS = 200;
const ROUNDS = Number(process.env.BENCH_KILL_SWITCH_ROUNDS ?? 3);
const LEGS = [
  { symbol: "BTC/USDT", quantity: "0.001", price: (i: number) => String(20000 + i) },
  { symbol: "ETH/USDT", quantity: "0.01", price: (i: number) => String(1000 + i) },
  { symbol: "SOL/USDT", quantity: "1", price: (i: number) => (10 + i / 100).toFixed(2) },
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export async function run(): Promise<BenchResult> {
  const db = await startBenchDatabase("ks");
  process.env.LOG_LEVEL ??= "warn";
  const { startSim } = await import("../sim/start-sim");
  const { createVenue } = await import("../lib/venue/create-venue");
  const { syncInstruments } = await import("../lib/instruments/sync-instruments");
  const { createUser } = await import("../lib/auth/users");
  const { createApiToken } = await import("../lib/auth/api-tokens");
  const { subscribeEvents, eventsReady, closeEventBus } = await import("../lib/events/subscribe-events");
  const { spawnRouteServer } = await import("../test/spawn-route-server");
  const { disconnectPrisma } = await import("../lib/db/prisma");

  const sim = await startSim({ port: 0, market: false, seed: 9, requestWeightPerMinute: 1_000_000_000 });
  const venue = createVenue({
    venue: "sim",
    exchangeId: "binance",
    apiKey: sim.apiKey,
    apiSecret: sim.apiSecret,
    sim: { restUrl: sim.restUrl, wsUrl: sim.wsUrl },
  });
  await syncInstruments({ venue, reload: true });
  await venue.close();
  const system = { kind: "system" as const, name: "bench" };
  const user = await createUser({
    actor: system,
    username: "bench-risk",
    password: "bench-password-123",
    role: "risk",
  });
  const actor = {
    kind: "user" as const,
    id: user.id,
    name: user.username,
    role: user.role,
    sessionId: "bench",
  };
  const { token } = await createApiToken({ actor, name: "bench-risk-bot", role: "risk" });

  const serverEnv = {
    DATABASE_URL: db.url,
    SIM_PORT: String(sim.port),
    VENUE: "sim",
    LOG_LEVEL: "silent",
    ROUTE_SERVER_SWEEPER: "off",
    RISK_MAX_OPEN_ORDERS_PER_SYMBOL: String(OPEN_ORDERS * 2),
    // The simulator allows it; at the default 10 requests/s the probes' own sends queue in B's bucket.
    VENUE_RATE_LIMIT_PER_SECOND: "1000",
  };
  const servers = await Promise.all([
    spawnRouteServer(serverEnv),
    spawnRouteServer(serverEnv),
    spawnRouteServer({ ...serverEnv, VENUE_PRIVATE_CONCURRENCY: "16" }),
  ]);
  const [a, b, seeder] = servers as [(typeof servers)[0], (typeof servers)[0], (typeof servers)[0]];
  const post = async (url: string, route: string, body: unknown) => {
    const response = await fetch(`${url}${route}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        "idempotency-key": randomUUID(),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  };
  /** When (wall clock) the venue executed the newest cancel: its orders' updateTime. */
  const lastCancelAt = async () => {
    const orders = (await (await fetch(`${sim.restUrl}/__sim/orders`)).json()) as {
      status: string;
      updateTime: number;
    }[];
    return Math.max(
      ...orders.filter((order) => order.status === "CANCELED").map((order) => order.updateTime),
    );
  };
  const openAtSim = async () => {
    const orders = (await (await fetch(`${sim.restUrl}/__sim/orders`)).json()) as { status: string }[];
    return orders.filter((order) => order.status === "NEW" || order.status === "PARTIALLY_FILLED").length;
  };

  const confirmed: Array<{ at: number; open: number | null }> = [];
  const stop = subscribeEvents((event) => {
    if (event.type === "kill_switch.open_orders_checked") {
      confirmed.push({ at: performance.now(), open: (event.data.open as number | null) ?? null });
    }
  });
  await eventsReady();

  const refusedMs: number[] = [];
  const answeredMs: number[] = [];
  const cancelsExecutedMs: number[] = [];
  const confirmedMs: number[] = [];
  const canceled: number[] = [];
  try {
    // Round 0 warms the instances' code paths up and is not counted.
    for (let round = 0; round <= ROUNDS; round += 1) {
      await post(a.url, "/api/kill-switch/release", { reason: "next round" });
      let placed = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (placed < OPEN_ORDERS) {
            const i = placed++;
            const leg = LEGS[i % LEGS.length] as (typeof LEGS)[number];
            const answer = await post(seeder.url, "/api/orders", {
              symbol: leg.symbol,
              side: "buy",
              type: "limit",
              quantity: leg.quantity,
              price: leg.price(i),
            });
            if (answer.status !== 201) throw new Error(`seeding order ${i}: ${answer.status} ${answer.text}`);
          }
        }),
      );
      if ((await openAtSim()) < OPEN_ORDERS) throw new Error("the open orders did not reach the venue");

      confirmed.length = 0;
      let started = 0;
      let refusedAt = 0;
      let probing = true;
      // Two probes on B, each placing one order after another: the first 423 to a request sent after
      // the engage started.
      let probeIndex = 0;
      const probe = Promise.all(
        Array.from({ length: 2 }, async () => {
          while (probing && refusedAt === 0) {
            const sentAt = performance.now();
            const answer = await post(b.url, "/api/orders", {
              symbol: "BTC/USDT",
              side: "buy",
              type: "limit",
              quantity: "0.001",
              price: String(15000 + probeIndex++),
            });
            if (answer.status === 423 && started > 0 && sentAt >= started && refusedAt === 0) {
              refusedAt = performance.now();
            }
          }
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      started = performance.now();
      const startedWall = Date.now();
      const engaged = await post(a.url, "/api/kill-switch/engage", {
        reason: `bench round ${round}`,
        cancelOpenOrders: true,
      });
      const answeredAt = performance.now();
      if (engaged.status !== 200) throw new Error(`engage: ${engaged.status} ${engaged.text}`);
      if (round > 0)
        canceled.push((JSON.parse(engaged.text) as { cancel: { canceled: number } }).cancel.canceled);
      for (let i = 0; i < 1000 && !confirmed.some((c) => c.open === 0); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      probing = false;
      await probe;
      const executedMs = (await lastCancelAt()) - startedWall;
      if ((await openAtSim()) !== 0) throw new Error("orders are still open at the venue after the engage");
      if (round === 0) continue;
      refusedMs.push(refusedAt - started);
      cancelsExecutedMs.push(executedMs);
      answeredMs.push(answeredAt - started);
      confirmedMs.push((confirmed.find((c) => c.open === 0)?.at ?? Number.NaN) - started);
    }
  } finally {
    stop();
    await Promise.all(servers.map((server) => server.stop()));
    await closeEventBus();
    await disconnectPrisma();
    await sim.close();
    await db.close();
  }

  const row = (name: string, values: number[]): BenchMeasurement => ({
    name,
    opsPerSecond: 1000 / median(values),
    medianMs: median(values),
    extra: { "min ms": Math.min(...values).toFixed(1), "max ms": Math.max(...values).toFixed(1) },
  });
  const baseline = "first order refused on instance B";
  const measurements = [
    row(baseline, refusedMs),
    row("every cancel executed at the venue (sim updateTime)", cancelsExecutedMs),
    row("engage answered on A (cancels answered, orders updated)", answeredMs),
    row("zero open confirmed at the venue (events stream)", confirmedMs),
  ];
  const worst = (values: number[]) => Math.max(...values);
  const checks: BenchCheck[] = [
    {
      name: `refused within 100 ms (worst ${worst(refusedMs).toFixed(1)} ms)`,
      passed: worst(refusedMs) < 100,
    },
    {
      name: `cancels sent within 1 s (worst ${worst(answeredMs).toFixed(0)} ms)`,
      passed: worst(answeredMs) < 1000,
    },
    {
      name: `zero open confirmed within 5 s (worst ${worst(confirmedMs).toFixed(0)} ms)`,
      passed: worst(confirmedMs) < 5000,
    },
  ];
  return {
    title: `Kill switch with ${OPEN_ORDERS} open orders over ${LEGS.length} symbols, two instances (${ROUNDS} rounds)`,
    unit: "engages",
    baseline,
    measurements,
    checks,
    notes: [
      "median ms: from the start of the engage request on instance A; min/max over the rounds.",
      "first refused: two probes on B place orders one after another; the first request sent after the engage started that answers 423.",
      "one warm-up round (not counted) runs first.",
      "the engage answers after the sends in flight settled and the mass cancels (one per symbol) were answered.",
      `orders canceled per round: ${canceled.join(", ")} (the ${OPEN_ORDERS} seeded plus the probe orders B placed before the engage).`,
    ],
  };
}
