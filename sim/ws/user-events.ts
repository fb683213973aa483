import type { Account } from "../engine/account.js";
import type { AccountOrder, ExecutionType, Fill } from "../engine/types.js";
import { formatUnits as f } from "../engine/units.js";

/** Binance's `executionReport` user data event. */
export function executionReport(
  o: AccountOrder,
  x: ExecutionType,
  fill: Fill | undefined,
  eventTime: number,
) {
  // On a cancel Binance reports the cancel request's id in `c` and the order's own id in `C`.
  const cancelledByRequest = x === "CANCELED" && o.cancelClientOrderId !== undefined;
  return {
    e: "executionReport",
    E: eventTime,
    s: o.symbol,
    c: cancelledByRequest ? o.cancelClientOrderId : o.clientOrderId,
    S: o.side,
    o: o.type,
    f: o.timeInForce,
    q: f(o.origQty),
    p: f(o.price),
    P: f(0n),
    F: f(0n),
    g: -1,
    C: cancelledByRequest ? o.clientOrderId : "",
    x,
    X: o.status,
    r: "NONE",
    i: o.orderId,
    l: f(fill?.qty ?? 0n),
    z: f(o.executedQty),
    L: f(fill?.price ?? 0n),
    n: fill ? f(fill.commission) : "0",
    N: fill ? fill.commissionAsset : null,
    T: fill?.time ?? o.updateTime,
    t: fill?.tradeId ?? -1,
    w: o.isWorking,
    m: fill?.isMaker ?? false,
    M: false,
    O: o.time,
    Z: f(o.cummulativeQuoteQty),
    Y: f(fill?.quoteQty ?? 0n),
    Q: f(o.origQuoteOrderQty),
    W: o.workingTime,
    V: "EXPIRE_MAKER",
  };
}

/** Binance's `outboundAccountPosition`: the changed assets' balances after an event. */
export function outboundAccountPosition(account: Account, assets: string[], eventTime: number) {
  return {
    e: "outboundAccountPosition",
    E: eventTime,
    u: account.updateTime,
    B: assets.map((a) => {
      const b = account.balance(a);
      return { a, f: f(b.free), l: f(b.locked) };
    }),
  };
}

/** Binance's `balanceUpdate`: a deposit or withdrawal (`d` negative) of one asset. */
export function balanceUpdate(asset: string, delta: bigint, clearTime: number, eventTime: number) {
  return { e: "balanceUpdate", E: eventTime, a: asset, d: f(delta), T: clearTime };
}
