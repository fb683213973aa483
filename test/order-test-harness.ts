import { disconnectPrisma } from "../lib/db/prisma";
import { syncInstruments } from "../lib/instruments/sync-instruments";
import { appVenue } from "../lib/venue/app-venue";
import { type Sim, simControl, simOrders } from "../lib/venue/testing/sim-test-helpers";
import { startSim } from "../sim/start-sim";
import { callRoute, TEST_ORIGIN } from "./http-client";
import { apiTokenFor } from "./principals";
import { resetDatabase } from "./reset-database";

export type OrderTestHarness = {
  sim: Sim;
  /** Trader API token. */
  token: string;
  /** Every order the simulator holds for our account (optionally one client order id only). */
  venueOrders(clientOrderId?: string): Promise<Awaited<ReturnType<typeof simOrders>>>;
  close(): Promise<void>;
};

const venueHolder = globalThis as unknown as { __tallyVenue?: { close(): Promise<void> } };

/**
 * A clean database, a fresh simulator (still market) that appVenue() points at, instruments synced,
 * and a trader token. Call close() in afterAll.
 */
export async function startOrderTestHarness(options: { seed?: number } = {}): Promise<OrderTestHarness> {
  const sim = await startSim({ port: 0, seed: options.seed ?? 11, market: false });
  await venueHolder.__tallyVenue?.close();
  venueHolder.__tallyVenue = undefined;
  process.env.SIM_PORT = String(sim.port);
  process.env.VENUE = "sim";
  process.env.VENUE_TIMEOUT_MS ??= "2000";
  await resetDatabase();
  await syncInstruments({ reload: true });
  const { token } = await apiTokenFor("trader");
  return {
    sim,
    token,
    venueOrders: async (clientOrderId) =>
      (await simOrders(sim)).filter((o) => clientOrderId === undefined || o.clientOrderId === clientOrderId),
    close: async () => {
      await appVenue().close();
      venueHolder.__tallyVenue = undefined;
      await sim.close();
      await disconnectPrisma();
    },
  };
}

/** A fresh app venue client (closed breakers, no measured backoff) for the next test. */
export async function resetAppVenue(): Promise<void> {
  await venueHolder.__tallyVenue?.close();
  venueHolder.__tallyVenue = undefined;
}

/** Clears faults and forgets the simulator's orders between tests. */
export async function resetSim(sim: Sim): Promise<void> {
  await simControl(sim, "POST", "reset");
}

export { callRoute, TEST_ORIGIN };
