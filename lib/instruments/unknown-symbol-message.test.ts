import { describe, expect, it } from "vitest";
import { unknownSymbolMessage } from "./unknown-symbol-message";

const known = ["BTC/USDT", "ETH/USDT", "SOL/USDT"];

describe("unknownSymbolMessage", () => {
  it("suggests the instrument a venue-style or dashed symbol means and lists what exists", () => {
    expect(unknownSymbolMessage("BTCUSDT", known)).toBe(
      "unknown symbol BTCUSDT (did you mean BTC/USDT?); instruments: BTC/USDT, ETH/USDT, SOL/USDT",
    );
    expect(unknownSymbolMessage("BTC-USD", known)).toContain("(did you mean BTC/USDT?)");
    expect(unknownSymbolMessage("eth/usdt", known)).toContain("(did you mean ETH/USDT?)");
    expect(unknownSymbolMessage("DOGE/USDT", known)).toBe(
      "unknown symbol DOGE/USDT; instruments: BTC/USDT, ETH/USDT, SOL/USDT",
    );
  });
});
