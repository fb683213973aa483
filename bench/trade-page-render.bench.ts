import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { chromiumExecutable } from "../e2e/support/chromium";
import { findFreePort } from "../lib/db/free-port";
import { acquireBuildLock } from "../scripts/lib/build-lock";
import { type LaunchedTally, launchTally } from "../scripts/lib/launch-tally";
import type { BenchMeasurement, BenchResult } from "./bench-result";

/**
 * The Trade page in Chromium against a production build fed by the simulated venue: long tasks
 * (PerformanceObserver "longtask") and frame times (requestAnimationFrame deltas) while the order
 * book streams at its per-client cap, then the same page with the market paused as the baseline.
 */
const LIVE_SECONDS = 30;
const IDLE_SECONDS = 10;
const WARM_UP_MS = 3_000;
const UPDATES_PER_SECOND = 20;
/** Far more venue diffs than the stream may forward, so every client frame slot is used. */
const SIM_DIFFS_PER_SECOND = 200;
const FRAME_BUDGET_MS = 16.7;
/** A delta this long means at least one vsync passed without a frame (deltas jitter around 16.7 ms). */
const DROPPED_FRAME_MS = 25;
const PASSWORD = "bench-admin-password";
const LIVE = `Trade page, ${UPDATES_PER_SECOND} updates/s`;
const IDLE = "Trade page, market paused";

/**
 * Runs in the page before any app code. Plain JS text rather than a function: tsx would compile a
 * function with helper calls (`__name`) that do not exist in the page.
 */
const PROBES = `
  const probe = { recording: false, deltas: [], longTasks: [], bookFrames: 0 };
  window.__probe = probe;
  new PerformanceObserver((list) => {
    if (probe.recording) for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
  }).observe({ type: "longtask" });
  let last;
  const onFrame = (time) => {
    if (probe.recording && last !== undefined) probe.deltas.push(time - last);
    last = time;
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  const NativeEventSource = window.EventSource;
  window.EventSource = class extends NativeEventSource {
    constructor(url, init) {
      super(url, init);
      for (const name of ["snapshot", "update", "status"]) {
        this.addEventListener(name, () => {
          if (probe.recording) probe.bookFrames += 1;
        });
      }
    }
  };
`;

interface Sample {
  deltas: number[];
  longTasks: number[];
  bookFrames: number;
  seconds: number;
}

async function record(page: Page, seconds: number): Promise<Sample> {
  await page.evaluate(() => {
    const probe = (window as unknown as { __probe: Sample & { recording: boolean } }).__probe;
    Object.assign(probe, { recording: true, deltas: [], longTasks: [], bookFrames: 0 });
  });
  await page.waitForTimeout(seconds * 1000);
  const sample = await page.evaluate(() => {
    const probe = (window as unknown as { __probe: Sample & { recording: boolean } }).__probe;
    probe.recording = false;
    return { deltas: probe.deltas, longTasks: probe.longTasks, bookFrames: probe.bookFrames };
  });
  return { ...sample, seconds };
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

function measurement(name: string, sample: Sample): BenchMeasurement {
  return {
    name,
    opsPerSecond: sample.deltas.length / sample.seconds,
    medianMs: percentile(sample.deltas, 50),
    extra: {
      "p95 frame ms": percentile(sample.deltas, 95).toFixed(1),
      "max frame ms": Math.max(...sample.deltas).toFixed(1),
      "dropped frames": String(sample.deltas.filter((delta) => delta > DROPPED_FRAME_MS).length),
      "long tasks": String(sample.longTasks.length),
      "longest task ms": sample.longTasks.length ? Math.max(...sample.longTasks).toFixed(0) : "-",
      "book frames/s": (sample.bookFrames / sample.seconds).toFixed(1),
    },
  };
}

async function openTradePage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  await context.addInitScript({ content: PROBES });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/trade$/);
  await page.getByRole("status").filter({ hasText: "Market data: Live" }).waitFor({ timeout: 60_000 });
  return page;
}

export async function run(): Promise<BenchResult> {
  const executablePath = chromiumExecutable();
  if (!executablePath) throw new Error("trade-page-render needs Chromium (see README: end-to-end tests)");
  const releaseLock = await acquireBuildLock();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tally-bench-"));
  let app: LaunchedTally | undefined;
  let browser: Browser | undefined;
  try {
    app = await launchTally({
      port: await findFreePort(),
      dataDir,
      env: {
        ADMIN_PASSWORD: PASSWORD,
        SIM_DIFFS_PER_SECOND: String(SIM_DIFFS_PER_SECOND),
        ORDERBOOK_MAX_UPDATES_PER_SECOND: String(UPDATES_PER_SECOND),
      },
    });
    browser = await chromium.launch({
      executablePath,
      args: ["--disable-gpu", "--no-sandbox", "--disable-background-networking", "--no-first-run"],
    });
    const page = await openTradePage(browser, app.baseURL);
    await page.waitForTimeout(WARM_UP_MS);
    // TRADE_BENCH_PROFILE=file.cpuprofile: a JS CPU profile of the live window (open in DevTools).
    const profilePath = process.env.TRADE_BENCH_PROFILE;
    const cdp = profilePath ? await page.context().newCDPSession(page) : undefined;
    await cdp?.send("Profiler.enable");
    await cdp?.send("Profiler.start");
    const live = await record(page, LIVE_SECONDS);
    if (cdp && profilePath)
      writeFileSync(profilePath, JSON.stringify((await cdp.send("Profiler.stop")).profile));

    const pause = await fetch(`http://127.0.0.1:${app.simPort()}/__sim/market`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ running: false }),
    });
    if (!pause.ok) throw new Error(`could not pause the simulated market: ${pause.status}`);
    await page.waitForTimeout(WARM_UP_MS);
    const idle = await record(page, IDLE_SECONDS);

    const p95 = percentile(live.deltas, 95);
    const passed = live.longTasks.length === 0 && p95 < FRAME_BUDGET_MS;
    if (!passed) process.exitCode = 1;
    return {
      title: `trade-page-render: Trade page in Chromium for ${LIVE_SECONDS} s at up to ${UPDATES_PER_SECOND} order book updates/s`,
      unit: "frames",
      baseline: IDLE,
      measurements: [measurement(LIVE, live), measurement(IDLE, idle)],
      notes: [
        `target: no long task (> 50 ms) and p95 frame time < ${FRAME_BUDGET_MS} ms while live -> ${passed ? "PASS" : "FAIL"} (${live.longTasks.length} long tasks, p95 ${p95.toFixed(1)} ms)`,
        "frame time = delta between requestAnimationFrame callbacks (vsync-bound: ~16.7 ms at 60 Hz even when idle); dropped frames = deltas > 25 ms; long tasks from PerformanceObserver 'longtask'",
        `production build via scripts/start.ts, simulated venue at ${SIM_DIFFS_PER_SECOND} diffs/s/symbol, stream capped at ${UPDATES_PER_SECOND} book frames/s (ORDERBOOK_MAX_UPDATES_PER_SECOND); book frames/s is what the page received`,
        `Chromium ${browser.version()} headless, --disable-gpu, 1440x900, BTC/USDT at depth 20; ${WARM_UP_MS / 1000} s warm-up before each window`,
      ],
    };
  } finally {
    await browser?.close();
    if (app) await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
    releaseLock();
  }
}
