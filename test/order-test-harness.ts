import { disconnectPrisma } from "../lib/db/prisma";
import { syncInstruments } from "../lib/instruments/sync-instruments";
import { createReconciliationGate } from "../lib/reconciliation/reconciliation-gate";
import { createAppServices, createAppVenue, replaceAppServices } from "../lib/runtime/app-services";
import type { VenuePort } from "../lib/venue/port/venue-port";
import { type Sim, simControl, simOrders } from "../lib/venue/testing/sim-test-helpers";
import { venueConfigFromEnv } from "../lib/venue/venue-config";
import { startSim } from "../sim/start-sim";
import { callRoute, TEST_ORIGIN } from "./http-client";
import { apiTokenFor } from "./principals";
import { resetDatabase } from "./reset-database";

export type OrderTestHarness = {
  sim: Sim;
  /** The venue the app's services trade on in this process (replaced by resetAppVenue). */
  venue(): VenuePort;
  /** Trader API token. */
  token: string;
  /** Every order the simulator holds for our account (optionally one client order id only). */
  venueOrders(clientOrderId?: string): Promise<Awaited<ReturnType<typeof simOrders>>>;
  close(): Promise<void>;
};

let current: { sim: Sim; venue: VenuePort } | undefined;

/** The app's services in this process, on a new venue client (wired as the app's) for the simulator. */
async function tradeOnSim(sim: Sim): Promise<VenuePort> {
  const venue = createAppVenue(
    venueConfigFromEnv({
      VENUE: "sim",
      SIM_PORT: String(sim.port),
      VENUE_TIMEOUT_MS: process.env.VENUE_TIMEOUT_MS ?? "2000",
      VENUE_ORDER_RECV_WINDOW_MS: process.env.VENUE_ORDER_RECV_WINDOW_MS,
    }),
  );
  // In-process tests trade at once: the reconciliation gate is open.
  const reconciliationGate = createReconciliationGate({ bootedAt: new Date(), open: true });
  await replaceAppServices(createAppServices({ venue, reconciliationGate }));
  current = { sim, venue };
  return venue;
}

/**
 * A clean database, a fresh simulator (still market) that the app's services trade on, instruments
 * synced, and a trader token. Call close() in afterAll.
 */
export async function startOrderTestHarness(options: { seed?: number } = {}): Promise<OrderTestHarness> {
  const sim = await startSim({ port: 0, seed: options.seed ?? 11, market: false });
  const venue = await tradeOnSim(sim);
  await resetDatabase();
  await syncInstruments({ venue, reload: true });
  const { token } = await apiTokenFor("trader");
  return {
    sim,
    venue: () => current?.venue ?? venue,
    token,
    venueOrders: async (clientOrderId) =>
      (await simOrders(sim)).filter((o) => clientOrderId === undefined || o.clientOrderId === clientOrderId),
    close: async () => {
      await replaceAppServices(undefined);
      current = undefined;
      await sim.close();
      await disconnectPrisma();
    },
  };
}

/** A fresh app venue client (closed breakers, no measured backoff) for the next test. */
export async function resetAppVenue(): Promise<void> {
  if (current) await tradeOnSim(current.sim);
}

/** Clears faults and forgets the simulator's orders between tests. */
export async function resetSim(sim: Sim): Promise<void> {
  await simControl(sim, "POST", "reset");
}

export { callRoute, TEST_ORIGIN };
