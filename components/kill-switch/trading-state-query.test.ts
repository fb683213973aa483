import { describe, expect, it } from "vitest";
import type { TradingStateView } from "@/lib/risk/kill-switch-wire-schema";
import { describeHalt, engagedHalts, haltFor } from "./trading-state-query";

const released = { engaged: false, reason: null, source: null, actor: null, changedAt: null };
const halt = (reason: string) => ({
  engaged: true,
  reason,
  source: "manual",
  actor: "risk1",
  changedAt: "2026-12-01T12:00:00.000Z",
});

describe("the ticket's view of the trading state", () => {
  it("a symbol halt blocks that symbol only; the global switch blocks every symbol and wins", () => {
    const symbolOnly: TradingStateView = {
      killSwitch: released,
      halts: [{ symbol: "ETH/USDT", ...halt("drift") }],
    };
    expect(haltFor(symbolOnly, "BTC/USDT")).toBeNull();
    expect(describeHalt(haltFor(symbolOnly, "ETH/USDT")!)).toBe("Trading in ETH/USDT is halted: drift");
    const both: TradingStateView = { ...symbolOnly, killSwitch: halt("incident") };
    expect(haltFor(both, "ETH/USDT")?.scope).toBe("global");
    expect(describeHalt(haltFor(both, "BTC/USDT")!)).toBe("Trading is halted by the kill switch: incident");
    expect(engagedHalts(both).map((h) => h.scope)).toEqual(["global", "ETH/USDT"]);
    expect(engagedHalts(undefined)).toEqual([]);
  });
});
