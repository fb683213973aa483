import { describe, expect, it } from "vitest";
import { VenueConfigError } from "./port/venue-errors";
import { venueConfigFromEnv } from "./venue-config";

describe("venueConfigFromEnv", () => {
  it("defaults to the simulator on 127.0.0.1:4010 with the sim keys", () => {
    const config = venueConfigFromEnv({});
    expect(config).toMatchObject({
      venue: "sim",
      exchangeId: "binance",
      apiKey: "tally-sim-key",
      apiSecret: "tally-sim-secret",
      sim: { restUrl: "http://127.0.0.1:4010", wsUrl: "ws://127.0.0.1:4010" },
      retry: { baseDelayMs: 500, maxDelayMs: 30_000, maxAttempts: 3 },
      concurrency: { private: 2, public: 4 },
    });
  });

  it("reads SIM_HOST/SIM_PORT/SIM_API_KEY/SIM_API_SECRET", () => {
    const config = venueConfigFromEnv({
      SIM_HOST: "10.0.0.2",
      SIM_PORT: "5000",
      SIM_API_KEY: "a",
      SIM_API_SECRET: "b",
    });
    expect(config.sim?.restUrl).toBe("http://10.0.0.2:5000");
    expect(config.apiKey).toBe("a");
    expect(config.apiSecret).toBe("b");
  });

  it("accepts a ccxt exchange id with keys and sandbox", () => {
    const config = venueConfigFromEnv({
      VENUE: "binance",
      VENUE_API_KEY: "key",
      VENUE_API_SECRET: "secret",
      VENUE_SANDBOX: "true",
    });
    expect(config).toMatchObject({ venue: "binance", exchangeId: "binance", sandbox: true });
    expect(config.sim).toBeUndefined();
  });

  it("rejects an unknown exchange id with a clear error", () => {
    expect(() => venueConfigFromEnv({ VENUE: "nosuchexchange" })).toThrow(VenueConfigError);
    expect(() => venueConfigFromEnv({ VENUE: "nosuchexchange" })).toThrow(/not a known exchange id/);
  });

  it("never puts secret values in error messages", () => {
    try {
      venueConfigFromEnv({ VENUE: "binance", VENUE_API_KEY: "TOPSECRETKEY", VENUE_SANDBOX: "maybe" });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain("TOPSECRETKEY");
      expect(String(error)).toMatch(/VENUE_SANDBOX/);
    }
  });
});
