/** Position after the last trade seen: its id (Binance fromId paging) and timestamp (generic since paging). */
export interface TradeCursor {
  lastTradeId: string;
  lastTimestamp: number | null;
}

export function encodeTradeCursor(cursor: TradeCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeTradeCursor(text: string | null | undefined): TradeCursor | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Partial<TradeCursor>;
    if (typeof parsed.lastTradeId !== "string") return null;
    return {
      lastTradeId: parsed.lastTradeId,
      lastTimestamp: typeof parsed.lastTimestamp === "number" ? parsed.lastTimestamp : null,
    };
  } catch {
    return null;
  }
}
