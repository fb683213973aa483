import type { VenuePort } from "../venue/port/venue-port";
import type { VenueHealth } from "../venue/port/venue-types";

const HEALTH_TTL_MS = 2_000;
const cache = new WeakMap<VenuePort, Promise<VenueHealth> & { at: number }>();

/** Venue health shared by all callers for a couple of seconds, so status polling never floods the venue. */
export function cachedVenueHealth(venue: VenuePort): Promise<VenueHealth> {
  const cached = cache.get(venue);
  if (cached && Date.now() - cached.at < HEALTH_TTL_MS) return cached;
  const fresh = Object.assign(venue.checkHealth(), { at: Date.now() });
  cache.set(venue, fresh);
  return fresh;
}
