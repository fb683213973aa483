import { Decimal } from "decimal.js";
import { recordAudit } from "../audit/record-audit";
import { env } from "../env";
import { publishEvent } from "../events/publish-event";
import { listInstruments } from "../instruments/list-instruments";
import { logger } from "../observability/logger";
import { sweepOrders } from "../orders/sweep-orders";
import type { VenuePort } from "../venue/port/venue-port";
import { checkBalances } from "./check-balances";
import { checkOpenOrders, checkOrders } from "./check-orders";
import { checkTrades } from "./check-trades";
import { healFindings } from "./heal-findings";
import type { Check, Finding } from "./mismatch-types";
import { recordFindings } from "./record-findings";
import {
  finishRun,
  type RunRow,
  type RunTotals,
  type RunTrigger,
  startRun,
  withHeartbeat,
} from "./run-lease";

export interface ReconciliationSettings {
  autoHealMaxNotional: Decimal;
  lookbackMs: number;
  stuckMs: number;
}

export function reconciliationSettings(): ReconciliationSettings {
  const config = env();
  return {
    autoHealMaxNotional: new Decimal(config.RECONCILIATION_AUTO_HEAL_MAX_NOTIONAL),
    lookbackMs: config.RECONCILIATION_LOOKBACK_HOURS * 3_600_000,
    stuckMs: config.RECONCILIATION_STUCK_SECONDS * 1_000,
  };
}

/**
 * One reconciliation run, or the one already running on any instance (joined: this call does not
 * wait for it). Order: trades first (an order the venue shows ahead by exactly the fills found
 * missing is reported once, as those fills), then our live orders, the venue's open orders, and balances. A check the venue could not answer is
 * incomplete: its findings stand, but nothing it raises is cleared and the run reports the error.
 * Never places or cancels a venue order.
 */
export async function runReconciliation(options: RunOptions): Promise<{ run: RunRow; joined: boolean }> {
  const started = await startReconciliation(options);
  return { run: await started.finished, joined: started.joined };
}

interface RunOptions {
  venue: VenuePort;
  trigger: RunTrigger;
  settings?: ReconciliationSettings;
  now?: () => number;
}

/**
 * Starts a run (or joins the running one) and answers as soon as it has its row; `finished` settles
 * when this process's pass is done (at once for a joined run, which another process carries out).
 */
export async function startReconciliation(
  options: RunOptions,
): Promise<{ run: RunRow; joined: boolean; finished: Promise<RunRow> }> {
  const started = await startRun(options.trigger);
  if (started.joined) return { ...started, finished: Promise.resolve(started.run) };
  return { ...started, finished: carryOut(options, started.run) };
}

async function carryOut(options: RunOptions, run: RunRow): Promise<RunRow> {
  const { venue } = options;
  const settings = options.settings ?? reconciliationSettings();
  const now = options.now ?? Date.now;
  const before = venue.getCounters();
  const totals: RunTotals = {
    checked: {},
    found: 0,
    updated: 0,
    autoResolved: 0,
    cleared: 0,
    venueRequests: 0,
    venueWeight: null,
  };
  const errors: string[] = [];
  await withHeartbeat(run.id, async () => {
    const findings: Finding[] = [];
    const completed = new Set<Check>();
    const durationsMs: Record<string, number> = {};
    const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        durationsMs[step] = Math.round(performance.now() - started);
      }
    };
    const attempt = (check: Check, work: () => Promise<void>) =>
      timed(check, async () => {
        try {
          await work();
          completed.add(check);
        } catch (error) {
          errors.push(`${check}: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    const symbols = (await listInstruments()).map((instrument) => instrument.symbol);
    let trades = 0;
    await attempt("trades", async () => {
      // A first start before the instruments are loaded: nothing to page, so the run cannot count.
      if (symbols.length === 0) throw new Error("no instruments loaded yet, trades not checked");
      for (const symbol of symbols) {
        const result = await checkTrades({ venue, symbol, lookbackMs: settings.lookbackMs, now: now() });
        trades += result.trades;
        findings.push(...result.findings);
      }
    });
    // Requests whose worker died are settled first (never placing anything on their own).
    await timed("sweep", () =>
      sweepOrders({ venue }).catch((error: Error) => errors.push(`idempotency records: ${error.message}`)),
    );
    const missingFills = new Map<string, Decimal>();
    for (const finding of findings) {
      if (finding.type !== "fill_missing_locally" || !finding.orderId || !finding.quantityDelta) continue;
      const sum = missingFills.get(finding.orderId) ?? new Decimal(0);
      missingFills.set(finding.orderId, sum.plus(finding.quantityDelta));
    }
    const orders = await timed("orders", () =>
      checkOrders({ venue, now: now(), stuckMs: settings.stuckMs, missingFills }).catch((error: Error) => {
        errors.push(`orders: ${error.message}`);
        return null;
      }),
    );
    if (orders) {
      findings.push(...orders.findings);
      if (orders.complete) completed.add("orders");
      else errors.push("orders: some lookups failed; those orders were left as they are");
    }
    let openOrders = 0;
    await attempt("open_orders", async () => {
      const result = await checkOpenOrders({ venue });
      openOrders = result.open;
      findings.push(...result.findings);
    });
    let assets = 0;
    await attempt("balances", async () => {
      const result = await checkBalances({ venue, thresholdNotional: settings.autoHealMaxNotional, now });
      assets = result.assets;
      findings.push(...result.findings);
    });
    // Trades reported once by the trade check and once as an open order: one finding per subject.
    const unique = [
      ...new Map(findings.map((finding) => [`${finding.type}|${finding.subject}`, finding])).values(),
    ];
    const { recorded, cleared } = await timed("record", () =>
      recordFindings({ runId: run.id, findings: unique, completedChecks: completed }),
    );
    const healed = await timed("heal", () =>
      healFindings({
        runId: run.id,
        venue: venue.venue,
        recorded,
        thresholdNotional: settings.autoHealMaxNotional,
      }),
    );
    totals.checked = {
      symbols: symbols.length,
      trades,
      orders: orders?.orders ?? null,
      openOrders,
      balances: assets,
      complete: [...completed].sort(),
      durationsMs,
    };
    totals.found = recorded.filter((entry) => entry.raised).length;
    totals.updated = recorded.length - totals.found;
    totals.autoResolved = healed.autoResolved;
    totals.cleared = cleared;
  }).catch((error: Error) => {
    errors.push(error.message);
  });
  const after = venue.getCounters();
  totals.venueRequests = after.requests - before.requests;
  totals.venueWeight = after.weightSent - before.weightSent;
  const error = errors.length > 0 ? errors.join("; ").slice(0, 2000) : null;
  await finishRun(run.id, { totals, error });
  await recordAudit({
    actor: { kind: "system", name: "reconciliation" },
    action: "reconciliation.run",
    outcome: error ? "failure" : "success",
    target: run.id,
    details: { trigger: options.trigger, ...totals, error } as never,
  });
  await publishEvent({
    type: "reconciliation.run_finished",
    data: {
      runId: run.id,
      status: error ? "failed" : "completed",
      found: totals.found,
      cleared: totals.cleared,
    },
  });
  if (error) logger.warn({ runId: run.id, error }, "reconciliation run failed");
  else logger.info({ runId: run.id, ...totals }, "reconciliation run completed");
  return { ...run, status: error ? "failed" : "completed" };
}
