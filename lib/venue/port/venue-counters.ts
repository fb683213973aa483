/** Plain counters, read through VenuePort.getCounters(); metrics wiring comes later. */
export interface VenueCounters {
  requests: number;
  /** Request weight of every attempt sent (the venue's per-endpoint weights). */
  weightSent: number;
  requestErrors: number;
  retries: number;
  rateLimited: number;
  circuitRejections: number;
  unknownOutcomes: number;
  recoveredByLookup: number;
  breakerOpens: { auth: number; rate_limit: number; platform: number };
  wsReconnects: { marketData: number; ownOrders: number };
  ownOrderResyncs: number;
}

export function createVenueCounters(): VenueCounters {
  return {
    requests: 0,
    weightSent: 0,
    requestErrors: 0,
    retries: 0,
    rateLimited: 0,
    circuitRejections: 0,
    unknownOutcomes: 0,
    recoveredByLookup: 0,
    breakerOpens: { auth: 0, rate_limit: 0, platform: 0 },
    wsReconnects: { marketData: 0, ownOrders: 0 },
    ownOrderResyncs: 0,
  };
}
