import { describe, expect, it } from "vitest";
import type { VenueOrder } from "../port/venue-types";
import { OwnOrderTracker } from "./own-order-tracker";

const order = (clientOrderId: string, status: VenueOrder["status"], symbol = "BTC/USDT") =>
  ({ clientOrderId, status, symbol }) as VenueOrder;

describe("OwnOrderTracker", () => {
  it("keeps orders that may be open, per symbol, and forgets final ones", () => {
    const tracker = new OwnOrderTracker();
    tracker.track(order("a", "open"));
    tracker.track(order("b", "open", "ETH/USDT"));
    tracker.trackUnknown("c", "BTC/USDT");
    tracker.track(order("a", "closed"));
    expect(tracker.maybeOpenOrders()).toEqual([
      { clientOrderId: "b", symbol: "ETH/USDT" },
      { clientOrderId: "c", symbol: "BTC/USDT" },
    ]);
    expect(tracker.maybeOpenOrders("BTC/USDT")).toEqual([{ clientOrderId: "c", symbol: "BTC/USDT" }]);
  });
});
