// GET /api/stream/orderbook against the production build, started like `npm start` (scripts/start.ts
// on a temp data dir: its own embedded PostgreSQL and simulated venue, own port). The SSE clients
// are plain HTTP connections in this process, so their parsing costs nothing on the server's
// clock; server CPU and memory are read from /proc for the server process alone, apart from the
// simulator and PostgreSQL it started.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../lib/db/free-port";
import { acquireBuildLock } from "../scripts/lib/build-lock";
import { type LaunchedTally, launchTally } from "../scripts/lib/launch-tally";
import type { BenchMeasurement, BenchResult } from "./bench-result";
import { createBenchToken } from "./create-bench-token";
import { formatMiB } from "./heap";
import { childPids, commandLine, cpuMsOf, machineBusyMs, rssOf, treeCpuMs } from "./process-stats";
import { openSseClient, type SseClientTally } from "./sse-bench-client";

const CLIENTS = Number(process.env.BENCH_FANOUT_CLIENTS ?? 100);
const DIFFS_PER_SECOND = 200;
const MAX_UPDATES_PER_SECOND = 20;
const SYMBOL = "BTC/USDT";
const DEPTH = 50;
const WARMUP_MS = 3_000;
const MEASURE_MS = Number(process.env.BENCH_FANOUT_SECONDS ?? 10) * 1000;
const TARGET_P99_MS = 50;
const PASSWORD = "bench-admin-password";
const BASELINE = "1 SSE client";

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

interface ServerProcesses {
  /** The start.ts process (Next.js runs in it). */
  server: number;
  /** Roots of the simulator's and PostgreSQL's process trees (children of the server process). */
  sim: number[];
  postgres: number[];
  /** Any other children (none expected): counted with the server. */
  others: number[];
}

function serverProcesses(app: LaunchedTally): ServerProcesses {
  const server = app.child.pid!;
  const result: ServerProcesses = { server, sim: [], postgres: [], others: [] };
  for (const child of childPids(server)) {
    const command = commandLine(child);
    if (command.includes("sim/main.ts")) result.sim.push(child);
    else if (/postgres/.test(command)) result.postgres.push(child);
    else result.others.push(child);
  }
  return result;
}

/** CPU ms of the server process alone and of each group of its children (with their descendants). */
function cpuReading(processes: ServerProcesses) {
  const sum = (roots: number[]) => roots.reduce((total, root) => total + treeCpuMs(root), 0);
  const bench = process.cpuUsage();
  return {
    server: cpuMsOf([processes.server]) + sum(processes.others),
    sim: sum(processes.sim),
    postgres: sum(processes.postgres),
    bench: (bench.user + bench.system) / 1000,
    machine: machineBusyMs(),
  };
}

interface Phase {
  clients: number;
  latencies: number[];
  tallies: SseClientTally[];
  elapsedMs: number;
  serverCpuPercent: number;
  simCpuPercent: number;
  postgresCpuPercent: number;
  /** This process: the SSE clients. */
  clientsCpuPercent: number;
  /** Everything else running on the machine meanwhile (other users' work): noise. */
  otherCpuPercent: number;
  serverRss: number;
  updatesPerClientPerSecond: number;
}

async function runPhase(app: LaunchedTally, token: string, clients: number): Promise<Phase> {
  const url = `${app.baseURL}/api/stream/orderbook?${new URLSearchParams({ symbol: SYMBOL, depth: String(DEPTH) })}`;
  const latencies: number[] = [];
  let measuring = false;
  const onUpdate = (receivedAt: number, venueTime: number) => {
    if (measuring) latencies.push(receivedAt - venueTime);
  };
  const opened = Array.from({ length: clients }, () => openSseClient({ url, token, onUpdate }));
  try {
    await Promise.all(opened.map((client) => client.opened));
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    const processes = serverProcesses(app);
    const before = opened.map((client) => ({ ...client.tally }));
    const cpuBefore = cpuReading(processes);
    const started = performance.now();
    measuring = true;
    await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
    measuring = false;
    const elapsedMs = performance.now() - started;
    const cpuAfter = cpuReading(processes);
    const percent = (group: keyof typeof cpuAfter) =>
      ((cpuAfter[group] - cpuBefore[group]) / elapsedMs) * 100;
    const tallies = opened.map((client, i) => {
      const start = before[i]!;
      const now = client.tally;
      return {
        snapshots: now.snapshots - start.snapshots,
        updates: now.updates - start.updates,
        statuses: now.statuses - start.statuses,
        trades: now.trades - start.trades,
        gaps: now.gaps,
        noLeadingSnapshot: now.noLeadingSnapshot,
        bytes: now.bytes - start.bytes,
      };
    });
    const updates = tallies.reduce((sum, tally) => sum + tally.updates, 0);
    return {
      clients,
      latencies: latencies.sort((a, b) => a - b),
      tallies,
      elapsedMs,
      serverCpuPercent: percent("server"),
      simCpuPercent: percent("sim"),
      postgresCpuPercent: percent("postgres"),
      clientsCpuPercent: percent("bench"),
      otherCpuPercent:
        percent("machine") - percent("server") - percent("sim") - percent("postgres") - percent("bench"),
      serverRss: rssOf([processes.server]),
      updatesPerClientPerSecond: updates / clients / (elapsedMs / 1000),
    };
  } finally {
    for (const client of opened) client.close();
  }
}

function row(name: string, phase: Phase): BenchMeasurement {
  const sum = (pick: (tally: SseClientTally) => number) =>
    phase.tallies.reduce((total, tally) => total + pick(tally), 0);
  const gaps = sum((tally) => tally.gaps) + phase.tallies.filter((tally) => tally.noLeadingSnapshot).length;
  const seconds = phase.elapsedMs / 1000;
  return {
    name,
    opsPerSecond: sum((tally) => tally.updates) / seconds,
    medianMs: percentile(phase.latencies, 50),
    extra: {
      "p99 ms": percentile(phase.latencies, 99).toFixed(1),
      "max ms": (phase.latencies.at(-1) ?? Number.NaN).toFixed(1),
      "updates/client/s": phase.updatesPerClientPerSecond.toFixed(1),
      "KiB/client/s": (sum((tally) => tally.bytes) / phase.clients / seconds / 1024).toFixed(1),
      "server CPU %": phase.serverCpuPercent.toFixed(1),
      "server RSS": formatMiB(phase.serverRss),
      "sim CPU %": phase.simCpuPercent.toFixed(1),
      "pg CPU %": phase.postgresCpuPercent.toFixed(1),
      "clients CPU %": phase.clientsCpuPercent.toFixed(1),
      "other procs CPU %": phase.otherCpuPercent.toFixed(1),
      snapshots: String(sum((tally) => tally.snapshots)),
      "seq gaps": String(gaps),
    },
  };
}

export async function run(): Promise<BenchResult> {
  const releaseLock = await acquireBuildLock();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tally-bench-fanout-"));
  let app: LaunchedTally | undefined;
  try {
    app = await launchTally({
      port: await findFreePort(),
      dataDir,
      env: {
        ADMIN_PASSWORD: PASSWORD,
        SIM_DIFFS_PER_SECOND: String(DIFFS_PER_SECOND),
        ORDERBOOK_MAX_UPDATES_PER_SECOND: String(MAX_UPDATES_PER_SECOND),
      },
    });
    const market = (await (await fetch(`http://127.0.0.1:${app.simPort()}/__sim/market`)).json()) as {
      running: boolean;
      diffsPerSecond: number;
    };
    if (!market.running || market.diffsPerSecond !== DIFFS_PER_SECOND)
      throw new Error(
        `the simulated market is not running at ${DIFFS_PER_SECOND}/s: ${JSON.stringify(market)}`,
      );

    const origin = app.baseURL;
    const token = await createBenchToken({
      origin,
      adminPassword: PASSWORD,
      name: "bench-fanout",
      role: "viewer",
    });

    const single = await runPhase(app, token, 1);
    const many = await runPhase(app, token, CLIENTS);
    if (app.child.exitCode !== null) throw new Error(`the server exited:\n${app.output().slice(-3000)}`);
    const p99 = percentile(many.latencies, 99);
    const manyName = `${CLIENTS} SSE clients`;
    return {
      title: `order book fan-out: production server, ${SYMBOL} depth ${DEPTH}, sim at ${DIFFS_PER_SECOND} events/s, ${MAX_UPDATES_PER_SECOND} frames/s cap, ${MEASURE_MS / 1000} s per row, ${os.cpus().length} cores`,
      unit: "updates delivered",
      baseline: BASELINE,
      measurements: [row(BASELINE, single), row(manyName, many)],
      notes: [
        `target p99 < ${TARGET_P99_MS} ms with ${CLIENTS} clients: ${p99.toFixed(1)} ms -> ${p99 < TARGET_P99_MS ? "PASS" : "FAIL"}`,
        "server: scripts/start.ts serving the production build (Next.js in that process); clients: plain HTTP keep-alive GETs with a bearer token in the benchmark process, minimal parsing",
        "latency = client receive time - venue event time E of the last diff in the update; the sim stamps E when it flushes its 100 ms depth window, so the venue's own batching is not included",
        "CPU % from /proc utime+stime over the window (one core = 100%): server = the start.ts/Next.js process, sim = the simulated venue (its child), pg = embedded PostgreSQL, clients = this process; other procs = the rest of the machine's busy time (/proc/stat), i.e. unrelated load that competes for the cores and inflates latency; RSS of the server process at the end",
        "median ms = p50 latency; seq gaps = update/status frames whose seq was not the previous + 1 (must be 0); snapshots = snapshot frames received within the window (resync or a lagging client; connection snapshots come before it)",
      ],
    };
  } finally {
    if (app) await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
    releaseLock();
  }
}
