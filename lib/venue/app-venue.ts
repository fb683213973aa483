import type { CcxtVenue } from "./ccxt-venue";
import { createVenue } from "./create-venue";
import { venueConfigFromEnv } from "./venue-config";
import type { VenueHealth } from "./venue-types";

const holder = globalThis as unknown as {
  __tallyVenue?: CcxtVenue;
  __tallyVenueHealth?: Promise<VenueHealth> & { at: number };
};

/** The venue this process trades on, configured from the environment (VENUE, SIM_*, VENUE_*). */
export function appVenue(): CcxtVenue {
  holder.__tallyVenue ??= createVenue(venueConfigFromEnv(process.env));
  return holder.__tallyVenue;
}

const HEALTH_TTL_MS = 2_000;

/** Venue health shared by all callers for a couple of seconds, so status polling never floods the venue. */
export function cachedVenueHealth(): Promise<VenueHealth> {
  const cached = holder.__tallyVenueHealth;
  if (cached && Date.now() - cached.at < HEALTH_TTL_MS) return cached;
  const fresh = Object.assign(appVenue().checkHealth(), { at: Date.now() });
  holder.__tallyVenueHealth = fresh;
  return fresh;
}
