/** "BTC/USDT", "btcusdt" and "BTC-USDT" all read BTCUSDT. */
const squash = (symbol: string) => symbol.toUpperCase().replace(/[^A-Z0-9]/g, "");

/**
 * What to tell a caller who named a symbol no instrument has: the instrument they most likely
 * meant (same letters without the separator, or the same base with another quote spelling) and the
 * instruments that exist.
 */
export function unknownSymbolMessage(symbol: string, known: readonly string[]): string {
  const wanted = squash(symbol);
  const meant =
    known.find((candidate) => squash(candidate) === wanted) ??
    known.find((candidate) => {
      const squashed = squash(candidate);
      return wanted.length >= 4 && (squashed.startsWith(wanted) || wanted.startsWith(squashed));
    });
  const list = known.length > 0 ? `; instruments: ${known.join(", ")}` : "; no instruments are listed yet";
  return `unknown symbol ${symbol}${meant ? ` (did you mean ${meant}?)` : ""}${list}`;
}
