import { Decimal } from "decimal.js";
import type { Tx } from "../db/sql";
import { env } from "../env";
import { DomainError } from "../errors/domain-error";
import type { PreparedLeg } from "./prepare-order-legs";
import { countLiveOrders } from "./store/count-live-orders";

export interface RiskLimits {
  maxOrderNotional: Decimal;
  maxOpenOrdersPerSymbol: number;
}

function riskLimitsFromEnv(): RiskLimits {
  const config = env();
  return {
    maxOrderNotional: new Decimal(config.RISK_MAX_ORDER_NOTIONAL),
    maxOpenOrdersPerSymbol: config.RISK_MAX_OPEN_ORDERS_PER_SYMBOL,
  };
}

const refuse = (detail: string, extra: Record<string, unknown>) =>
  new DomainError({ kind: "unprocessable", code: "risk_limit_exceeded", detail, extra });

/**
 * Per-order notional and open orders per symbol (RISK_MAX_ORDER_NOTIONAL, RISK_MAX_OPEN_ORDERS_PER_SYMBOL).
 * Runs after the caller inserted its pending rows in the same transaction, so the count includes them.
 * Takes a transaction-scoped advisory lock per symbol (in symbol order, so batches cannot deadlock)
 * before counting, held until commit: the limit holds across app instances, and the lock is held only
 * for the count and the commit.
 */
export async function enforceRiskLimits(options: {
  tx: Tx;
  legs: PreparedLeg[];
  limits?: RiskLimits;
}): Promise<void> {
  const { tx, legs } = options;
  const limits = options.limits ?? riskLimitsFromEnv();
  for (const [index, leg] of legs.entries()) {
    if (leg.notionalPrice === null) continue;
    const notional = new Decimal(leg.input.quantity).times(leg.notionalPrice);
    if (notional.gt(limits.maxOrderNotional)) {
      throw refuse(
        `Order${legs.length > 1 ? ` ${index}` : ""} notional ${notional.toFixed()} exceeds the limit ${limits.maxOrderNotional.toFixed()}`,
        { limit: "max_order_notional", leg: index },
      );
    }
  }
  const perSymbol = new Map<string, number>();
  for (const leg of legs) perSymbol.set(leg.input.symbol, (perSymbol.get(leg.input.symbol) ?? 0) + 1);
  for (const symbol of [...perSymbol.keys()].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`tally:open-orders:${symbol}`}, 0))`;
    const withOurs = await countLiveOrders({ tx, symbol });
    if (withOurs > limits.maxOpenOrdersPerSymbol) {
      const open = withOurs - (perSymbol.get(symbol) ?? 0);
      throw refuse(
        `${symbol} has ${open} open orders; the limit is ${limits.maxOpenOrdersPerSymbol} per symbol`,
        { limit: "max_open_orders_per_symbol", symbol },
      );
    }
  }
}
