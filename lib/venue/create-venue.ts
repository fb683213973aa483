import { CcxtVenue, type CcxtVenueOptions } from "./ccxt/ccxt-venue";
import { parseVenueConfig, type VenueConfig, type VenueConfigInput } from "./venue-config";

/** The one way to get a venue: validates the config and builds the ccxt-backed adapter. */
export function createVenue(
  config: VenueConfig | VenueConfigInput,
  deps: Omit<CcxtVenueOptions, "config"> = {},
): CcxtVenue {
  return new CcxtVenue({ ...deps, config: parseVenueConfig(config) });
}
