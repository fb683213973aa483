import type { Trade } from "ccxt";
import type { OrderSide, VenueTrade } from "../port/venue-types";
import { pickDecimal } from "./to-decimal-string";

/** Keys cover Binance REST myTrades (price/qty/quoteQty/commission) and executionReport (L/l/n). */
export function mapCcxtTrade(trade: Trade): VenueTrade {
  const info = (trade.info ?? {}) as Record<string, unknown>;
  const feeAmount = pickDecimal(info, ["commission", "n"], trade.fee?.cost);
  const feeCurrency =
    trade.fee?.currency ?? (typeof info.commissionAsset === "string" ? info.commissionAsset : null);
  const clientOrderId =
    (trade as { clientOrderId?: string }).clientOrderId ?? (typeof info.c === "string" ? info.c : null);
  return {
    tradeId: String(trade.id),
    venueOrderId: trade.order === undefined ? null : String(trade.order),
    clientOrderId,
    symbol: trade.symbol ?? "",
    side: (trade.side as OrderSide | undefined) ?? null,
    price: pickDecimal(info, ["price", "L"], trade.price) ?? "0",
    quantity: pickDecimal(info, ["qty", "l"], trade.amount) ?? "0",
    quoteQuantity: pickDecimal(info, ["quoteQty", "Y"], trade.cost),
    fee: feeAmount !== null && feeCurrency ? { amount: feeAmount, currency: feeCurrency } : null,
    liquidity: trade.takerOrMaker === "maker" || trade.takerOrMaker === "taker" ? trade.takerOrMaker : null,
    timestamp: trade.timestamp ?? null,
  };
}
