import { createBookHub } from "../lib/marketdata/book-hub";
import { openOrderbookStream } from "../lib/marketdata/open-orderbook-stream";
import { SseFrameReader } from "../lib/marketdata/testing/read-sse-frames";
import { createVenue } from "../lib/venue/create-venue";
import { startSim } from "../sim/start-sim";
import type { BenchResult } from "./bench-result";
import { formatMiB } from "./heap";

const CLIENTS = 100;
const DIFFS_PER_SECOND = 200;
const WARMUP_MS = 3_000;
const MEASURE_MS = 10_000;
const TARGET_P99_MS = 50;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * 100 SSE clients on one symbol, all in this process: simulator (REST + WebSocket on loopback),
 * venue adapter, hub, per-client sessions and the SSE encoder; clients parse every frame.
 * Latency is client receive time minus the venue event time `E` carried in each update frame.
 */
export async function run(): Promise<BenchResult> {
  const sim = await startSim({ port: 0, seed: 3, market: true, diffsPerSecond: DIFFS_PER_SECOND });
  const venue = createVenue({
    venue: "sim",
    exchangeId: "binance",
    apiKey: sim.apiKey,
    apiSecret: sim.apiSecret,
    sim: { restUrl: sim.restUrl, wsUrl: sim.wsUrl },
  });
  const hub = createBookHub({
    venue,
    config: {
      maxUpdatesPerSecond: 20,
      idleGraceMs: 0,
      staleAfterMs: 5_000,
      snapshotLimit: 1000,
      minResyncIntervalMs: 1_000,
    },
  });
  const latencies: number[] = [];
  let measuring = false;
  let frames = 0;
  const aborts: AbortController[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const abort = new AbortController();
    aborts.push(abort);
    const stream = await openOrderbookStream({ hub, symbol: "BTC/USDT", depth: 50, signal: abort.signal });
    const reader = new SseFrameReader(stream.readable);
    void (async () => {
      for (;;) {
        const frame = await reader.nextEvent().catch(() => undefined);
        if (frame === undefined) return;
        if (frame.event !== "update" || !measuring) continue;
        const data = JSON.parse(frame.data!) as { venueTime: number };
        latencies.push(Date.now() - data.venueTime);
        frames += 1;
      }
    })();
  }
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  measuring = false;
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  const memory = process.memoryUsage();
  const health = hub.health()[0];
  for (const abort of aborts) abort.abort();
  hub.stop();
  await venue.close();
  await sim.close();

  latencies.sort((a, b) => a - b);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const cpuPercent = ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100;
  return {
    title: `order book fan-out: ${CLIENTS} SSE clients, 1 symbol, sim at ${DIFFS_PER_SECOND} events/s (in-process)`,
    unit: "frames",
    baseline: "tally hub + SSE",
    measurements: [
      {
        name: "tally hub + SSE",
        opsPerSecond: frames / (elapsedMs / 1000),
        medianMs: elapsedMs,
        extra: {
          "p50 ms": p50.toFixed(1),
          "p99 ms": p99.toFixed(1),
          "CPU %": cpuPercent.toFixed(1),
          rss: formatMiB(memory.rss),
          heap: formatMiB(memory.heapUsed),
          book: health ? `${health.status}, ${health.counters.applied} diffs` : "-",
        },
      },
    ],
    notes: [
      "Driven in-process: simulator, venue WebSocket/REST over loopback, hub, sessions and SSE encoding in one Node process; CPU % covers all of it (one core = 100%).",
      "Latency = client receive time - venue event time E of the diff (the sim stamps E when it flushes its 100 ms depth window).",
      `p99 target < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? "PASS" : "FAIL"}`,
    ],
  };
}
