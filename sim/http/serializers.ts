import type { Account } from "../engine/account.js";
import { FEES, SYMBOLS } from "../engine/symbols.js";
import type { AccountOrder, AccountTrade, Fill, PublicTrade } from "../engine/types.js";
import { formatUnits } from "../engine/units.js";

const f = formatUnits;

/** `GET /api/v3/order` shape (also used by `/__sim/orders`). */
export function orderJson(o: AccountOrder) {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    price: f(o.price),
    origQty: f(o.origQty),
    executedQty: f(o.executedQty),
    cummulativeQuoteQty: f(o.cummulativeQuoteQty),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    stopPrice: f(0n),
    icebergQty: f(0n),
    time: o.time,
    updateTime: o.updateTime,
    isWorking: o.isWorking,
    workingTime: o.workingTime,
    origQuoteOrderQty: f(o.origQuoteOrderQty),
    selfTradePreventionMode: "EXPIRE_MAKER",
  };
}

export function fillJson(fill: Fill) {
  return {
    price: f(fill.price),
    qty: f(fill.qty),
    commission: f(fill.commission),
    commissionAsset: fill.commissionAsset,
    tradeId: fill.tradeId,
  };
}

export type OrderRespType = "ACK" | "RESULT" | "FULL";

/** `POST /api/v3/order` response for each newOrderRespType. */
export function newOrderJson(o: AccountOrder, fills: Fill[], respType: OrderRespType) {
  const ack = {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.clientOrderId,
    transactTime: o.time,
  };
  if (respType === "ACK") return ack;
  const result = {
    ...ack,
    price: f(o.price),
    origQty: f(o.origQty),
    executedQty: f(o.executedQty),
    origQuoteOrderQty: f(o.origQuoteOrderQty),
    cummulativeQuoteQty: f(o.cummulativeQuoteQty),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    workingTime: o.isWorking ? o.workingTime : -1,
    selfTradePreventionMode: "EXPIRE_MAKER",
  };
  if (respType === "RESULT") return result;
  return { ...result, fills: fills.map(fillJson) };
}

/** `DELETE /api/v3/order` response. */
export function cancelJson(o: AccountOrder, transactTime: number) {
  return {
    symbol: o.symbol,
    origClientOrderId: o.clientOrderId,
    orderId: o.orderId,
    orderListId: -1,
    clientOrderId: o.cancelClientOrderId ?? o.clientOrderId,
    transactTime,
    price: f(o.price),
    origQty: f(o.origQty),
    executedQty: f(o.executedQty),
    origQuoteOrderQty: f(o.origQuoteOrderQty),
    cummulativeQuoteQty: f(o.cummulativeQuoteQty),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    selfTradePreventionMode: "EXPIRE_MAKER",
  };
}

/** `GET /api/v3/myTrades` element. */
export function accountTradeJson(t: AccountTrade) {
  return {
    symbol: t.symbol,
    id: t.tradeId,
    orderId: t.orderId,
    orderListId: -1,
    price: f(t.price),
    qty: f(t.qty),
    quoteQty: f(t.quoteQty),
    commission: f(t.commission),
    commissionAsset: t.commissionAsset,
    time: t.time,
    isBuyer: t.isBuyer,
    isMaker: t.isMaker,
    isBestMatch: true,
  };
}

/** `GET /api/v3/trades` element. */
export function publicTradeJson(t: PublicTrade) {
  return {
    id: t.id,
    price: f(t.price),
    qty: f(t.qty),
    quoteQty: f((t.price * t.qty) / 100_000_000n),
    time: t.time,
    isBuyerMaker: t.isBuyerMaker,
    isBestMatch: true,
  };
}

/** `GET /api/v3/aggTrades` element: the sim never aggregates, so each trade is its own aggregate. */
export function aggTradeJson(t: PublicTrade) {
  return { a: t.id, p: f(t.price), q: f(t.qty), f: t.id, l: t.id, T: t.time, m: t.isBuyerMaker, M: true };
}

export function balancesJson(account: Account, omitZero: boolean) {
  const out: Array<{ asset: string; free: string; locked: string }> = [];
  for (const [asset, b] of account.balances) {
    if (omitZero && b.free === 0n && b.locked === 0n) continue;
    out.push({ asset, free: f(b.free), locked: f(b.locked) });
  }
  return out;
}

export function accountJson(account: Account, omitZero: boolean) {
  const rate = (bps: bigint) => f(bps * 10_000n);
  return {
    makerCommission: Number(FEES.makerBps),
    takerCommission: Number(FEES.takerBps),
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: {
      maker: rate(FEES.makerBps),
      taker: rate(FEES.takerBps),
      buyer: f(0n),
      seller: f(0n),
    },
    canTrade: true,
    canWithdraw: true,
    canDeposit: true,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: account.updateTime,
    accountType: "SPOT",
    balances: balancesJson(account, omitZero),
    permissions: ["SPOT"],
    uid: 1,
  };
}

export function exchangeInfoJson(serverTime: number, requestWeightPerMinute: number) {
  return {
    timezone: "UTC",
    serverTime,
    rateLimits: [
      { rateLimitType: "REQUEST_WEIGHT", interval: "MINUTE", intervalNum: 1, limit: requestWeightPerMinute },
      { rateLimitType: "ORDERS", interval: "SECOND", intervalNum: 10, limit: 100 },
      { rateLimitType: "ORDERS", interval: "DAY", intervalNum: 1, limit: 200000 },
      { rateLimitType: "RAW_REQUESTS", interval: "MINUTE", intervalNum: 5, limit: 61000 },
    ],
    exchangeFilters: [],
    symbols: SYMBOLS.map((s) => ({
      symbol: s.symbol,
      status: "TRADING",
      baseAsset: s.baseAsset,
      baseAssetPrecision: 8,
      quoteAsset: s.quoteAsset,
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      orderTypes: ["LIMIT", "LIMIT_MAKER", "MARKET"],
      icebergAllowed: false,
      ocoAllowed: false,
      otoAllowed: false,
      quoteOrderQtyMarketAllowed: true,
      allowTrailingStop: false,
      cancelReplaceAllowed: false,
      amendAllowed: false,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      filters: [
        {
          filterType: "PRICE_FILTER",
          minPrice: f(s.minPrice),
          maxPrice: f(s.maxPrice),
          tickSize: f(s.tickSize),
        },
        { filterType: "LOT_SIZE", minQty: f(s.minQty), maxQty: f(s.maxQty), stepSize: f(s.stepSize) },
        {
          filterType: "NOTIONAL",
          minNotional: f(s.minNotional),
          applyMinToMarket: true,
          maxNotional: f(s.maxNotional),
          applyMaxToMarket: false,
          avgPriceMins: 5,
        },
        { filterType: "MARKET_LOT_SIZE", minQty: f(0n), maxQty: f(s.marketMaxQty), stepSize: f(0n) },
      ],
      permissions: ["SPOT"],
      permissionSets: [["SPOT"]],
      defaultSelfTradePreventionMode: "EXPIRE_MAKER",
      allowedSelfTradePreventionModes: ["EXPIRE_MAKER"],
    })),
  };
}
