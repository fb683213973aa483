import { describe, expect, it } from "vitest";
import type { OwnOrderEvent } from "../venue/port/venue-types";
import { InMemoryVenue } from "../venue/testing/in-memory-venue";
import { ownOrderStreamService } from "./own-order-stream-service";

describe("ownOrderStreamService", () => {
  it("asks for a gap-fill (a reconciliation run) when the venue stream reconnects", async () => {
    const venue = new InMemoryVenue();
    let gaps = 0;
    venue.watchOwnOrders = (options?: { signal?: AbortSignal }) =>
      (async function* (): AsyncGenerator<OwnOrderEvent> {
        yield { type: "resync", reason: "reconnect" };
        await new Promise((resolve) => options?.signal?.addEventListener("abort", resolve, { once: true }));
      })();
    const service = ownOrderStreamService(venue, { onGap: () => (gaps += 1) });
    service.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await service.stop();
    expect(gaps).toBe(1);
  });
});
