import { Errors } from "../errors.js";
import type { Account, Balance } from "./account.js";
import type { VenueClock } from "./clock.js";
import { checkLotSize, checkNotional, checkNotionalValue, checkPriceFilter, floorToStep } from "./filters.js";
import type { FilledOrderPlan } from "./history-seed.js";
import { OrderBook } from "./order-book.js";
import { FEES, findSymbol, SYMBOLS, type SymbolSpec } from "./symbols.js";
import type {
  AccountOrder,
  AccountTrade,
  BookOrder,
  ExecutionType,
  Fill,
  OrderStatus,
  OrderType,
  PublicTrade,
  Side,
  TimeInForce,
} from "./types.js";
import { applyBps, divUnits, minBig, mulUnits } from "./units.js";

export interface PlaceOrderRequest {
  symbol: string;
  side: Side;
  type: OrderType;
  timeInForce?: TimeInForce;
  quantity?: bigint;
  quoteOrderQty?: bigint;
  price?: bigint;
  clientOrderId: string;
}

export interface PlaceOrderResult {
  order: AccountOrder;
  fills: Fill[];
}

export interface EngineListener {
  order?(order: AccountOrder, execType: ExecutionType, fill: Fill | undefined): void;
  balances?(account: Account, assets: string[]): void;
  /** A deposit (delta > 0) or withdrawal (delta < 0) of free balance, before `balances` announces it. */
  balanceMoved?(account: Account, asset: string, delta: bigint, time: number): void;
  trade?(trade: PublicTrade): void;
}

/** What survives a restart: real accounts' orders, trades and balances, and the id counters. */
export interface EngineSnapshot {
  nextOrderId: number;
  nextTradeIds: Record<string, number>;
  orders: AccountOrder[];
  trades: AccountTrade[];
  accounts: { id: string; updateTime: number; balances: Record<string, Balance> }[];
}

export interface OrderLookup {
  orderId?: number;
  origClientOrderId?: string;
}

interface SyntheticOrder extends BookOrder {
  symbol: string;
}

interface Taker {
  accountId: string | null;
  side: Side;
  /** null = no price limit (market). */
  limit: bigint | null;
  remainingQty: bigint | null;
  remainingQuote: bigint | null;
  order: AccountOrder | null;
  fills: Fill[];
}

const PUBLIC_TRADES_KEPT = 1000;
const OPEN_STATUSES: ReadonlySet<OrderStatus> = new Set(["NEW", "PARTIALLY_FILLED"]);

function appendTo<T>(index: Map<string, T[]>, key: string, item: T): void {
  const list = index.get(key);
  if (list) list.push(item);
  else index.set(key, [item]);
}

export function isOpen(order: AccountOrder): boolean {
  return OPEN_STATUSES.has(order.status);
}

/**
 * Price-time priority matching for every symbol, with balances for real accounts.
 * Synthetic participants (accountId null) have no balances and no filters.
 * Self-trades are prevented Binance's default way (EXPIRE_MAKER).
 */
export class MatchingEngine {
  readonly books = new Map<string, OrderBook>();
  readonly accounts = new Map<string, Account>();
  /** Orders of real accounts, by orderId. */
  readonly orders = new Map<number, AccountOrder>();
  readonly accountTrades: AccountTrade[] = [];
  private readonly publicTrades = new Map<string, PublicTrade[]>();
  private readonly syntheticOrders = new Map<number, SyntheticOrder>();
  private readonly openByClientId = new Map<string, AccountOrder>();
  private readonly latestByClientId = new Map<string, AccountOrder>();
  /** Real accounts' orders and trades per `accountId|symbol`, in orderId / tradeId order, for paging. */
  private readonly ordersBySymbol = new Map<string, AccountOrder[]>();
  private readonly tradesBySymbol = new Map<string, AccountTrade[]>();
  private readonly lastPrices = new Map<string, bigint>();
  private readonly nextTradeIds = new Map<string, number>();
  private readonly listeners: EngineListener[] = [];
  private readonly touched = new Map<Account, Set<string>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextOrderId = 1;
  private depth = 0;
  /** Bumped by every change to real accounts' orders, trades or balances (what a snapshot holds). */
  accountRevision = 0;

  constructor(
    private readonly clock: VenueClock,
    private readonly fees: { makerBps: bigint; takerBps: bigint } = FEES,
  ) {
    for (const spec of SYMBOLS) {
      this.books.set(spec.symbol, new OrderBook(spec.symbol));
      this.publicTrades.set(spec.symbol, []);
      this.nextTradeIds.set(spec.symbol, 1);
    }
  }

  addAccount(account: Account): void {
    this.accounts.set(account.id, account);
  }

  listen(listener: EngineListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  book(symbol: string): OrderBook {
    const book = this.books.get(symbol);
    if (!book) throw Errors.invalidSymbol();
    return book;
  }

  spec(symbol: string): SymbolSpec {
    const spec = findSymbol(symbol);
    if (!spec) throw Errors.invalidSymbol();
    return spec;
  }

  recentTrades(symbol: string): readonly PublicTrade[] {
    return this.publicTrades.get(symbol) ?? [];
  }

  /** Last trade price, else the mid of the book, else the symbol's starting price. */
  referencePrice(symbol: string): bigint {
    const last = this.lastPrices.get(symbol);
    if (last !== undefined) return last;
    const book = this.book(symbol);
    const bid = book.bestPrice("BUY");
    const ask = book.bestPrice("SELL");
    if (bid !== undefined && ask !== undefined) return (bid + ask) / 2n;
    return bid ?? ask ?? this.spec(symbol).initialMid;
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  // ---------------------------------------------------------------- accounts' orders

  /**
   * Validates, reserves funds, announces NEW, then matches (now, or after `deferMs` for the
   * delayed-fill fault). Throws ApiError on rejection, leaving no trace.
   */
  placeOrder(accountId: string, req: PlaceOrderRequest, opts: { deferMs?: number } = {}): PlaceOrderResult {
    const account = this.account(accountId);
    const spec = this.spec(req.symbol);
    const book = this.book(req.symbol);
    const isMarket = req.type === "MARKET";
    const tif: TimeInForce = isMarket || req.type === "LIMIT_MAKER" ? "GTC" : (req.timeInForce ?? "GTC");

    if (!isMarket) {
      if (req.price === undefined) throw Errors.mandatory("price");
      if (req.quantity === undefined) throw Errors.mandatory("quantity");
      checkPriceFilter(spec, req.price);
      checkLotSize(spec, req.quantity, false);
      checkNotional(spec, req.price, req.quantity);
    } else if (req.quantity !== undefined) {
      checkLotSize(spec, req.quantity, true);
      checkNotional(spec, this.referencePrice(req.symbol), req.quantity);
    } else if (req.quoteOrderQty !== undefined) {
      checkNotionalValue(spec, req.quoteOrderQty);
    } else {
      throw Errors.mandatory("quantity");
    }

    const clientKey = `${accountId}|${req.symbol}|${req.clientOrderId}`;
    if (this.openByClientId.has(clientKey)) throw Errors.duplicateOrder();

    if (req.type === "LIMIT_MAKER" && req.price !== undefined) {
      const opposite = book.bestPrice(req.side === "BUY" ? "SELL" : "BUY");
      if (opposite !== undefined && (req.side === "BUY" ? opposite <= req.price : opposite >= req.price)) {
        throw Errors.wouldTake();
      }
    }

    const lockedAsset = req.side === "BUY" ? spec.quoteAsset : spec.baseAsset;
    const toLock = this.requiredFunds(accountId, spec, req);
    if (!account.canAfford(lockedAsset, toLock)) throw Errors.insufficientBalance();

    return this.operation(() => {
      const now = this.clock.now();
      const origQty = req.quantity ?? 0n;
      const order: AccountOrder = {
        orderId: this.nextOrderId++,
        accountId,
        symbol: req.symbol,
        clientOrderId: req.clientOrderId,
        side: req.side,
        type: req.type,
        timeInForce: tif,
        price: req.price ?? 0n,
        origQty,
        remaining: origQty,
        executedQty: 0n,
        cummulativeQuoteQty: 0n,
        origQuoteOrderQty: req.quoteOrderQty ?? 0n,
        status: "NEW",
        time: now,
        updateTime: now,
        workingTime: now,
        isWorking: false,
        locked: toLock,
        lockedAsset,
      };
      account.lock(lockedAsset, toLock);
      this.touch(account, lockedAsset);
      this.recordOrder(order);
      this.openByClientId.set(clientKey, order);
      this.latestByClientId.set(clientKey, order);
      this.emitOrder(order, "NEW");

      if (opts.deferMs !== undefined && opts.deferMs > 0) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (isOpen(order)) this.operation(() => this.activate(order));
        }, opts.deferMs);
        this.timers.add(timer);
        return { order, fills: [] };
      }
      return { order, fills: this.activate(order) };
    });
  }

  cancelOrder(
    accountId: string,
    symbol: string,
    lookup: OrderLookup,
    cancelClientOrderId?: string,
  ): AccountOrder {
    this.spec(symbol);
    const order = this.findOrder(accountId, symbol, lookup);
    if (!order || !isOpen(order)) throw Errors.unknownOrderCancel();
    return this.operation(() => {
      if (cancelClientOrderId !== undefined) order.cancelClientOrderId = cancelClientOrderId;
      this.finish(order, "CANCELED", "CANCELED");
      return order;
    });
  }

  cancelAllOpen(accountId: string, symbol: string, cancelClientOrderId?: string): AccountOrder[] {
    this.spec(symbol);
    const open = [...this.orders.values()].filter(
      (o) => o.accountId === accountId && o.symbol === symbol && isOpen(o),
    );
    return this.operation(() => {
      for (const o of open) {
        if (cancelClientOrderId !== undefined) o.cancelClientOrderId = cancelClientOrderId;
        this.finish(o, "CANCELED", "CANCELED");
      }
      return open;
    });
  }

  /** The venue ends an order on its own (maintenance, risk, ...). */
  venueCancel(order: AccountOrder, status: "CANCELED" | "EXPIRED"): void {
    if (!isOpen(order)) return;
    this.operation(() => this.finish(order, status, status));
  }

  getOrder(accountId: string, symbol: string, lookup: OrderLookup): AccountOrder {
    this.spec(symbol);
    const order = this.findOrder(accountId, symbol, lookup);
    if (!order) throw Errors.orderDoesNotExist();
    return order;
  }

  findOrder(accountId: string, symbol: string, lookup: OrderLookup): AccountOrder | undefined {
    let order: AccountOrder | undefined;
    if (lookup.orderId !== undefined) order = this.orders.get(lookup.orderId);
    else if (lookup.origClientOrderId !== undefined) {
      order = this.latestByClientId.get(`${accountId}|${symbol}|${lookup.origClientOrderId}`);
    }
    if (!order || order.accountId !== accountId || order.symbol !== symbol) return undefined;
    if (
      lookup.orderId !== undefined &&
      lookup.origClientOrderId !== undefined &&
      order.clientOrderId !== lookup.origClientOrderId
    ) {
      return undefined;
    }
    return order;
  }

  accountOrders(accountId: string): AccountOrder[] {
    return [...this.orders.values()].filter((o) => o.accountId === accountId);
  }

  /** An account's orders on one symbol, in orderId order. */
  symbolOrders(accountId: string, symbol: string): readonly AccountOrder[] {
    return this.ordersBySymbol.get(`${accountId}|${symbol}`) ?? [];
  }

  /** An account's trades on one symbol, in tradeId order. */
  symbolTrades(accountId: string, symbol: string): readonly AccountTrade[] {
    return this.tradesBySymbol.get(`${accountId}|${symbol}`) ?? [];
  }

  /** Forgets an account's orders and trades and restores its starting balances. */
  resetAccount(accountId: string): void {
    const account = this.account(accountId);
    for (const order of this.accountOrders(accountId)) {
      if (order.isWorking) this.book(order.symbol).remove(order);
      order.status = "CANCELED";
      this.orders.delete(order.orderId);
    }
    for (const key of [...this.openByClientId.keys()]) {
      if (key.startsWith(`${accountId}|`)) this.openByClientId.delete(key);
    }
    for (const key of [...this.latestByClientId.keys()]) {
      if (key.startsWith(`${accountId}|`)) this.latestByClientId.delete(key);
    }
    const kept = this.accountTrades.filter((t) => t.accountId !== accountId);
    this.accountTrades.length = 0;
    for (const t of kept) this.accountTrades.push(t);
    for (const index of [this.ordersBySymbol, this.tradesBySymbol]) {
      for (const key of [...index.keys()]) if (key.startsWith(`${accountId}|`)) index.delete(key);
    }
    account.resetBalances();
    this.accountRevision++;
  }

  snapshot(): EngineSnapshot {
    return {
      nextOrderId: this.nextOrderId,
      nextTradeIds: Object.fromEntries(this.nextTradeIds),
      orders: [...this.orders.values()].map((order) => ({ ...order })),
      trades: this.accountTrades.map((trade) => ({ ...trade })),
      accounts: [...this.accounts.values()].map((account) => ({
        id: account.id,
        updateTime: account.updateTime,
        balances: Object.fromEntries([...account.balances].map(([asset, b]) => [asset, { ...b }])),
      })),
    };
  }

  /** Brings back a snapshot's accounts' state, before any order is placed; working orders rest again. */
  restore(snapshot: EngineSnapshot): void {
    this.nextOrderId = snapshot.nextOrderId;
    for (const [symbol, id] of Object.entries(snapshot.nextTradeIds)) this.nextTradeIds.set(symbol, id);
    for (const saved of snapshot.accounts) {
      const account = this.accounts.get(saved.id);
      if (!account) continue;
      account.balances.clear();
      for (const [asset, b] of Object.entries(saved.balances)) account.balances.set(asset, { ...b });
      account.updateTime = saved.updateTime;
    }
    const orders = snapshot.orders.filter((o) => this.accounts.has(o.accountId));
    for (const order of orders.sort((a, b) => a.orderId - b.orderId)) {
      this.recordOrder(order);
      this.latestByClientId.set(this.clientKey(order), order);
      if (!isOpen(order)) continue;
      this.openByClientId.set(this.clientKey(order), order);
      if (order.isWorking) this.book(order.symbol).add(order);
      // one whose delayed activation (fault) was still pending
      else this.operation(() => this.activate(order));
    }
    for (const trade of snapshot.trades) if (this.accounts.has(trade.accountId)) this.recordTrade(trade);
  }

  /** A deposit or withdrawal: free balance moves by `delta`, never below zero. */
  moveBalance(accountId: string, asset: string, delta: bigint): void {
    const account = this.account(accountId);
    if (account.balance(asset).free + delta < 0n) throw Errors.insufficientBalance();
    this.operation(() => {
      account.credit(asset, delta);
      this.touch(account, asset);
      const time = this.clock.now();
      account.updateTime = time;
      for (const l of this.listeners) l.balanceMoved?.(account, asset, delta, time);
    });
  }

  /**
   * Records past orders of an account as already FILLED, each fill a maker trade with the next trade
   * id, and moves the balances they would have moved; refused whole if a balance would go negative.
   * No execution reports: this is history, announced only by the balances' final position.
   */
  recordFilledOrders(
    accountId: string,
    symbol: string,
    plans: readonly FilledOrderPlan[],
  ): { firstOrderId: number; lastOrderId: number; firstTradeId: number; lastTradeId: number } {
    const account = this.account(accountId);
    const spec = this.spec(symbol);
    const bps = this.fees.makerBps;
    let baseDelta = 0n;
    let quoteDelta = 0n;
    let lowestBase = 0n;
    let lowestQuote = 0n;
    for (const plan of plans) {
      const qty = plan.fillQty * BigInt(plan.fills);
      const quote = mulUnits(plan.price, plan.fillQty) * BigInt(plan.fills);
      if (plan.side === "BUY") {
        quoteDelta -= quote;
        baseDelta += qty - applyBps(plan.fillQty, bps) * BigInt(plan.fills);
      } else {
        baseDelta -= qty;
        quoteDelta += quote - applyBps(mulUnits(plan.price, plan.fillQty), bps) * BigInt(plan.fills);
      }
      lowestBase = minBig(lowestBase, baseDelta);
      lowestQuote = minBig(lowestQuote, quoteDelta);
    }
    if (
      !account.canAfford(spec.baseAsset, -lowestBase) ||
      !account.canAfford(spec.quoteAsset, -lowestQuote)
    ) {
      throw Errors.insufficientBalance();
    }
    const firstOrderId = this.nextOrderId;
    const firstTradeId = this.nextTradeIds.get(symbol) ?? 1;
    let tradeId = firstTradeId;
    this.operation(() => {
      for (const plan of plans) {
        const quoteQty = mulUnits(plan.price, plan.fillQty);
        const isBuyer = plan.side === "BUY";
        const commission = applyBps(isBuyer ? plan.fillQty : quoteQty, bps);
        const order: AccountOrder = {
          orderId: this.nextOrderId++,
          accountId,
          symbol,
          clientOrderId: plan.clientOrderId,
          side: plan.side,
          type: "LIMIT",
          timeInForce: "GTC",
          price: plan.price,
          origQty: plan.fillQty * BigInt(plan.fills),
          remaining: 0n,
          executedQty: plan.fillQty * BigInt(plan.fills),
          cummulativeQuoteQty: quoteQty * BigInt(plan.fills),
          origQuoteOrderQty: 0n,
          status: "FILLED",
          time: plan.time,
          updateTime: plan.time,
          workingTime: plan.time,
          isWorking: false,
          locked: 0n,
          lockedAsset: isBuyer ? spec.quoteAsset : spec.baseAsset,
        };
        this.recordOrder(order);
        this.latestByClientId.set(this.clientKey(order), order);
        for (let i = 0; i < plan.fills; i++) {
          this.recordTrade({
            tradeId: tradeId++,
            price: plan.price,
            qty: plan.fillQty,
            quoteQty,
            commission,
            commissionAsset: isBuyer ? spec.baseAsset : spec.quoteAsset,
            isMaker: true,
            time: plan.time,
            accountId,
            symbol,
            orderId: order.orderId,
            isBuyer,
          });
        }
      }
      this.nextTradeIds.set(symbol, tradeId);
      account.credit(spec.baseAsset, baseDelta);
      account.credit(spec.quoteAsset, quoteDelta);
      this.touch(account, spec.baseAsset);
      this.touch(account, spec.quoteAsset);
      // The balances moved now, and reflect every seeded trade.
      account.updateTime = Math.max(account.updateTime, this.clock.now(), plans.at(-1)?.time ?? 0);
    });
    return { firstOrderId, lastOrderId: this.nextOrderId - 1, firstTradeId, lastTradeId: tradeId - 1 };
  }

  // ---------------------------------------------------------------- synthetic participants

  /** A limit (price given) or market order from someone else; returns its id while it rests. */
  placeSynthetic(symbol: string, side: Side, qty: bigint, price: bigint | null): number {
    return this.operation(() => {
      const taker: Taker = {
        accountId: null,
        side,
        limit: price,
        remainingQty: qty,
        remainingQuote: null,
        order: null,
        fills: [],
      };
      this.match(symbol, taker);
      const orderId = this.nextOrderId++;
      if (price !== null && taker.remainingQty !== null && taker.remainingQty > 0n) {
        const order: SyntheticOrder = {
          orderId,
          accountId: null,
          side,
          price,
          remaining: taker.remainingQty,
          symbol,
        };
        this.syntheticOrders.set(orderId, order);
        this.book(symbol).add(order);
      }
      return orderId;
    });
  }

  cancelSynthetic(orderId: number): boolean {
    const order = this.syntheticOrders.get(orderId);
    if (!order) return false;
    this.syntheticOrders.delete(orderId);
    return this.book(order.symbol).remove(order);
  }

  isSyntheticResting(orderId: number): boolean {
    return this.syntheticOrders.has(orderId);
  }

  // ---------------------------------------------------------------- internals

  private account(accountId: string): Account {
    const account = this.accounts.get(accountId);
    if (!account) throw Errors.invalidApiKey();
    return account;
  }

  /** Funds to reserve up front; for market orders, what the current book would cost. */
  private requiredFunds(accountId: string, spec: SymbolSpec, req: PlaceOrderRequest): bigint {
    if (req.type !== "MARKET") {
      return req.side === "BUY" ? mulUnits(req.price ?? 0n, req.quantity ?? 0n) : (req.quantity ?? 0n);
    }
    if (req.side === "BUY") {
      if (req.quoteOrderQty !== undefined) return req.quoteOrderQty;
      return this.estimate(accountId, spec, "BUY", req.quantity ?? 0n, null).quote;
    }
    if (req.quantity !== undefined) return req.quantity;
    return this.estimate(accountId, spec, "SELL", null, req.quoteOrderQty ?? 0n).qty;
  }

  /** Walks the opposite side as matching would (skipping our own makers) without changing anything. */
  private estimate(
    accountId: string,
    spec: SymbolSpec,
    side: Side,
    qtyLimit: bigint | null,
    quoteLimit: bigint | null,
  ): { qty: bigint; quote: bigint } {
    let qty = 0n;
    let quote = 0n;
    const book = this.book(spec.symbol);
    for (const lvl of book.levels(side === "BUY" ? "SELL" : "BUY")) {
      for (const maker of lvl.orders) {
        if (maker.accountId === accountId) continue;
        let q = maker.remaining;
        if (qtyLimit !== null) q = minBig(q, qtyLimit - qty);
        if (quoteLimit !== null)
          q = minBig(q, floorToStep(divUnits(quoteLimit - quote, lvl.price), spec.stepSize));
        if (q <= 0n) return { qty, quote };
        qty += q;
        quote += mulUnits(lvl.price, q);
      }
    }
    return { qty, quote };
  }

  /** Matches a NEW account order, then rests or expires what is left. */
  private activate(order: AccountOrder): Fill[] {
    const spec = this.spec(order.symbol);
    const quoteDriven = order.type === "MARKET" && order.origQuoteOrderQty > 0n;
    const taker: Taker = {
      accountId: order.accountId,
      side: order.side,
      limit: order.type === "MARKET" ? null : order.price,
      remainingQty: quoteDriven ? null : order.remaining,
      remainingQuote: quoteDriven ? order.origQuoteOrderQty : null,
      order,
      fills: [],
    };
    if (order.timeInForce === "FOK" && order.type === "LIMIT") {
      const available = this.fillableQty(order);
      if (available < order.remaining) {
        this.finish(order, "EXPIRED", "EXPIRED");
        return [];
      }
    }
    this.match(order.symbol, taker);
    if (quoteDriven) {
      order.origQty = order.executedQty;
      order.remaining = 0n;
      const leftover = taker.remainingQuote ?? 0n;
      const exhaustedBook = leftover >= spec.minNotional;
      if (order.executedQty > 0n && !exhaustedBook) {
        order.status = "FILLED";
        this.release(order);
      } else {
        this.finish(order, "EXPIRED", "EXPIRED");
      }
      return taker.fills;
    }
    if (order.remaining === 0n) {
      this.release(order);
      return taker.fills;
    }
    if (order.type === "MARKET" || order.timeInForce !== "GTC") {
      this.finish(order, "EXPIRED", "EXPIRED");
      return taker.fills;
    }
    order.isWorking = true;
    order.workingTime = this.clock.now();
    this.book(order.symbol).add(order);
    return taker.fills;
  }

  private fillableQty(order: AccountOrder): bigint {
    let qty = 0n;
    const book = this.book(order.symbol);
    for (const lvl of book.levels(order.side === "BUY" ? "SELL" : "BUY")) {
      if (order.side === "BUY" ? lvl.price > order.price : lvl.price < order.price) break;
      for (const maker of lvl.orders) {
        if (maker.accountId !== order.accountId) qty += maker.remaining;
      }
      if (qty >= order.remaining) break;
    }
    return qty;
  }

  private match(symbol: string, taker: Taker): void {
    const book = this.book(symbol);
    const spec = this.spec(symbol);
    const opposite: Side = taker.side === "BUY" ? "SELL" : "BUY";
    for (;;) {
      if (taker.remainingQty !== null && taker.remainingQty <= 0n) return;
      const lvl = book.best(opposite);
      if (!lvl) return;
      if (taker.limit !== null && (taker.side === "BUY" ? lvl.price > taker.limit : lvl.price < taker.limit))
        return;
      const maker = lvl.orders[0];
      if (!maker) return;
      if (taker.accountId !== null && maker.accountId === taker.accountId) {
        const own = this.orders.get(maker.orderId);
        if (own) this.finish(own, "EXPIRED_IN_MATCH", "TRADE_PREVENTION");
        else book.remove(maker);
        continue;
      }
      let qty = maker.remaining;
      if (taker.remainingQty !== null) qty = minBig(qty, taker.remainingQty);
      if (taker.remainingQuote !== null) {
        qty = minBig(qty, floorToStep(divUnits(taker.remainingQuote, lvl.price), spec.stepSize));
        if (qty <= 0n) return;
      }
      this.fill(spec, maker, taker, lvl.price, qty);
    }
  }

  private fill(spec: SymbolSpec, maker: BookOrder, taker: Taker, price: bigint, qty: bigint): void {
    const book = this.book(spec.symbol);
    const tradeId = this.nextTradeIds.get(spec.symbol) ?? 1;
    this.nextTradeIds.set(spec.symbol, tradeId + 1);
    const quote = mulUnits(price, qty);
    const time = this.clock.now();

    book.reduce(maker, qty);
    if (taker.remainingQty !== null) taker.remainingQty -= qty;
    if (taker.remainingQuote !== null) taker.remainingQuote -= quote;

    const trade: PublicTrade = {
      id: tradeId,
      symbol: spec.symbol,
      price,
      qty,
      time,
      isBuyerMaker: maker.side === "BUY",
    };
    const trades = this.publicTrades.get(spec.symbol);
    if (trades) {
      trades.push(trade);
      if (trades.length > PUBLIC_TRADES_KEPT) trades.splice(0, trades.length - PUBLIC_TRADES_KEPT);
    }
    this.lastPrices.set(spec.symbol, price);

    const makerOrder = maker.accountId === null ? undefined : this.orders.get(maker.orderId);
    if (maker.accountId === null && maker.remaining === 0n) this.syntheticOrders.delete(maker.orderId);
    if (makerOrder) {
      const f = this.settle(spec, makerOrder, price, qty, quote, true, tradeId, time);
      if (makerOrder.remaining === 0n) {
        makerOrder.isWorking = false;
        this.release(makerOrder);
      }
      this.emitOrder(makerOrder, "TRADE", f);
    }
    if (taker.order) {
      taker.order.remaining -= taker.remainingQuote === null ? qty : 0n;
      const f = this.settle(spec, taker.order, price, qty, quote, false, tradeId, time);
      taker.fills.push(f);
      this.emitOrder(taker.order, "TRADE", f);
    }
    for (const l of this.listeners) l.trade?.(trade);
  }

  /** Moves funds for one fill of an account order and records the account's trade. */
  private settle(
    spec: SymbolSpec,
    order: AccountOrder,
    price: bigint,
    qty: bigint,
    quote: bigint,
    isMaker: boolean,
    tradeId: number,
    time: number,
  ): Fill {
    const account = this.account(order.accountId);
    const bps = isMaker ? this.fees.makerBps : this.fees.takerBps;
    let commission: bigint;
    let commissionAsset: string;
    if (order.side === "BUY") {
      const reserved = order.type === "MARKET" ? quote : mulUnits(order.price, qty);
      account.spendLocked(spec.quoteAsset, reserved);
      order.locked -= reserved;
      if (reserved > quote) account.credit(spec.quoteAsset, reserved - quote);
      commission = applyBps(qty, bps);
      commissionAsset = spec.baseAsset;
      account.credit(spec.baseAsset, qty - commission);
    } else {
      account.spendLocked(spec.baseAsset, qty);
      order.locked -= qty;
      commission = applyBps(quote, bps);
      commissionAsset = spec.quoteAsset;
      account.credit(spec.quoteAsset, quote - commission);
    }
    this.touch(account, spec.baseAsset);
    this.touch(account, spec.quoteAsset);
    account.updateTime = time;

    order.executedQty += qty;
    order.cummulativeQuoteQty += quote;
    order.updateTime = time;
    const quoteDriven = order.origQuoteOrderQty > 0n && order.type === "MARKET";
    order.status = !quoteDriven && order.executedQty === order.origQty ? "FILLED" : "PARTIALLY_FILLED";
    if (order.status === "FILLED") this.openByClientId.delete(this.clientKey(order));

    const fill: Fill = { tradeId, price, qty, quoteQty: quote, commission, commissionAsset, isMaker, time };
    this.recordTrade({
      ...fill,
      accountId: order.accountId,
      symbol: spec.symbol,
      orderId: order.orderId,
      isBuyer: order.side === "BUY",
    });
    return fill;
  }

  /** Takes an open order off the book with a final status and frees its reserved funds. */
  private finish(order: AccountOrder, status: OrderStatus, execType: ExecutionType): void {
    if (order.isWorking) {
      this.book(order.symbol).remove(order);
      order.isWorking = false;
    }
    order.status = status;
    order.updateTime = this.clock.now();
    this.release(order);
    this.emitOrder(order, execType);
  }

  private release(order: AccountOrder): void {
    this.openByClientId.delete(this.clientKey(order));
    if (order.locked > 0n) {
      const account = this.account(order.accountId);
      account.unlock(order.lockedAsset, order.locked);
      this.touch(account, order.lockedAsset);
      order.locked = 0n;
    }
  }

  private recordOrder(order: AccountOrder): void {
    this.orders.set(order.orderId, order);
    appendTo(this.ordersBySymbol, `${order.accountId}|${order.symbol}`, order);
  }

  private recordTrade(trade: AccountTrade): void {
    this.accountTrades.push(trade);
    appendTo(this.tradesBySymbol, `${trade.accountId}|${trade.symbol}`, trade);
  }

  private clientKey(order: AccountOrder): string {
    return `${order.accountId}|${order.symbol}|${order.clientOrderId}`;
  }

  private touch(account: Account, asset: string): void {
    let set = this.touched.get(account);
    if (!set) {
      set = new Set();
      this.touched.set(account, set);
    }
    set.add(asset);
  }

  private emitOrder(order: AccountOrder, execType: ExecutionType, fill?: Fill): void {
    this.accountRevision++;
    for (const l of this.listeners) l.order?.(order, execType, fill);
  }

  /** Runs `fn` and then announces every balance it changed, once per account. */
  private operation<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
      if (this.depth === 0 && this.touched.size > 0) {
        this.accountRevision++;
        const batches = [...this.touched.entries()];
        this.touched.clear();
        const now = this.clock.now();
        for (const [account, assets] of batches) {
          // Never back: seeded history may end a moment ahead (recordFilledOrders).
          account.updateTime = Math.max(account.updateTime, now);
          for (const l of this.listeners) l.balances?.(account, [...assets]);
        }
      }
    }
  }
}
