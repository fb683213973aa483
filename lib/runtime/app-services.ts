import { rawEnvironment } from "../env";
import { type BookHub, createBookHub } from "../marketdata/book-hub";
import { createBookMidSource } from "../marketdata/book-mid-source";
import { readOrderbookStreamConfig } from "../marketdata/orderbook-stream-config";
import { createReconciliationGate, type ReconciliationGate } from "../reconciliation/reconciliation-gate";
import { haltOnAuthFailure } from "../risk/auto-halt/halt-on-auth-failure";
import type { MidSource } from "../risk/limits/mid-quote";
import { createVenue } from "../venue/create-venue";
import type { VenuePort } from "../venue/port/venue-port";
import { type VenueConfig, venueConfigFromEnv } from "../venue/venue-config";

/** The collaborators the app's verbs are given: built once per process here, and nowhere else. */
export interface AppServices {
  venue: VenuePort;
  bookHub: BookHub;
  /** Closed until this process's first full reconciliation run has completed. */
  reconciliationGate: ReconciliationGate;
  /** The live mid per symbol that the price band and market-order notional are checked against. */
  midSource: MidSource;
}

const holder = globalThis as unknown as { __tallyAppServices?: AppServices; __tallyBootedAt?: Date };
/** When this process started serving: the first reconciliation run must start after it. */
holder.__tallyBootedAt ??= new Date();
const BOOTED_AT = holder.__tallyBootedAt;

/** The app's venue adapter: its auth circuit breaker opening halts trading. */
export function createAppVenue(config: VenueConfig = venueConfigFromEnv(rawEnvironment())): VenuePort {
  return createVenue(config, { onAuthBreakerOpen: (event) => void haltOnAuthFailure(event) });
}

/** Builds the services on a venue (the configured one by default). */
export function createAppServices(
  options: {
    venue?: VenuePort;
    reconciliationGate?: ReconciliationGate;
    bookHub?: BookHub;
    midSource?: MidSource;
  } = {},
): AppServices {
  const venue = options.venue ?? createAppVenue();
  const bookHub =
    options.bookHub ?? createBookHub({ venue, config: readOrderbookStreamConfig(rawEnvironment()) });
  const reconciliationGate = options.reconciliationGate ?? createReconciliationGate({ bootedAt: BOOTED_AT });
  const midSource = options.midSource ?? createBookMidSource({ bookHub, venue });
  return { venue, bookHub, reconciliationGate, midSource };
}

/** The composition root: this process's services, configured from the environment on first use. */
export function appServices(): AppServices {
  holder.__tallyAppServices ??= createAppServices();
  return holder.__tallyAppServices;
}

/** The services if something has built them, without building them (readiness, shutdown). */
export function existingAppServices(): AppServices | undefined {
  return holder.__tallyAppServices;
}

/**
 * Runs this process on other services (in-process tests: a venue on their own simulator). The
 * previous ones are stopped and closed.
 */
export async function replaceAppServices(services: AppServices | undefined): Promise<void> {
  const previous = holder.__tallyAppServices;
  holder.__tallyAppServices = services;
  if (previous && previous !== services) {
    previous.bookHub.stop();
    await previous.venue.close();
  }
}
