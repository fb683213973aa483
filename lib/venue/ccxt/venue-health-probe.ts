import type { Logger } from "../../observability/logger";
import type { VenueHealth } from "../port/venue-types";

export interface VenueHealthProbeOptions {
  /** The venue's clock (ms), one request without retries. */
  fetchTime: () => Promise<number | undefined>;
  breakerStates: () => VenueHealth["breakers"];
  recvWindowMs: number;
  logger: Logger;
  now: () => number;
}

/** Round trips to the venue's time endpoint: reachability, latency and clock offset. */
export class VenueHealthProbe {
  private lastClockOffsetMs: number | null = null;

  constructor(private readonly options: VenueHealthProbeOptions) {}

  /** Venue clock minus ours, from the newest check that measured it. */
  get clockOffsetMs(): number | null {
    return this.lastClockOffsetMs;
  }

  /** Never throws. */
  async check(): Promise<VenueHealth> {
    const { now, recvWindowMs, logger } = this.options;
    const breakers = this.options.breakerStates();
    const checkedAt = new Date(now()).toISOString();
    const sentAt = now();
    try {
      const venueTime = await this.options.fetchTime();
      const receivedAt = now();
      const latencyMs = receivedAt - sentAt;
      const clockOffsetMs =
        typeof venueTime === "number" ? Math.round(venueTime - (sentAt + receivedAt) / 2) : null;
      if (clockOffsetMs !== null) this.lastClockOffsetMs = clockOffsetMs;
      const clockOffsetWarning = clockOffsetMs !== null && Math.abs(clockOffsetMs) > recvWindowMs / 2;
      const fields = { latency_ms: latencyMs, clock_offset_ms: clockOffsetMs, recv_window_ms: recvWindowMs };
      if (clockOffsetWarning) logger.warn(fields, "venue clock offset above half of recvWindow");
      else logger.info(fields, "venue health");
      return {
        reachable: true,
        latencyMs,
        clockOffsetMs,
        clockOffsetWarning,
        checkedAt,
        error: null,
        breakers,
      };
    } catch (error) {
      return {
        reachable: false,
        latencyMs: null,
        clockOffsetMs: null,
        clockOffsetWarning: false,
        checkedAt,
        error: error instanceof Error ? error.message : String(error),
        breakers,
      };
    }
  }
}
