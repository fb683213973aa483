import Decimal from "decimal.js";
import type { OrderInput } from "@/lib/orders/order-input-schema";
import {
  evaluateOrderLimits,
  type LimitViolation,
  NO_EXPOSURE,
  priceBandRange,
} from "@/lib/risk/limits/evaluate-order-limits";
import { effectiveLimits, type RiskLimitValues } from "@/lib/risk/limits/risk-limit-values";
import { riskLimitsFromWire } from "@/lib/risk/limits/risk-limits-view";
import type { RiskLimitsWire } from "@/lib/risk/limits/risk-limits-wire-schema";

export type TicketRisk = {
  limits: RiskLimitsWire;
  /** Mid of the live streamed book of this symbol, else null. */
  mid: string | null;
};

export type TicketRiskCheck = {
  /** The limits that apply to the ticket's symbol. */
  applying: RiskLimitValues;
  /** The prices the band allows right now; null without a band or a live mid. */
  priceBand: { min: Decimal; max: Decimal } | null;
  /** What the server would refuse, on the field to fix. */
  error: { field: "quantity" | "price"; message: string } | null;
};

/**
 * The checks the ticket can make before sending: quantity, notional, the order alone against max
 * position and open orders, and the price band against the streamed mid. Without a live mid in the
 * browser the band is left to the server (which refuses a limit order it cannot check).
 */
export function checkTicketRisk(
  order: { symbol: string } & Partial<OrderInput>,
  risk: TicketRisk,
): TicketRiskCheck {
  const set = riskLimitsFromWire(risk.limits);
  const applying = effectiveLimits(set, order.symbol);
  const mid = risk.mid === null ? null : new Decimal(risk.mid);
  const priceBand = mid && applying.priceBandPercent ? priceBandRange(mid, applying.priceBandPercent) : null;
  if (!order.side || !order.type || !order.quantity) return { applying, priceBand, error: null };
  const violation = evaluateOrderLimits({
    legs: [
      {
        symbol: order.symbol,
        side: order.side,
        type: order.type,
        quantity: order.quantity,
        price: order.price,
      },
    ],
    limits: mid ? set : { global: { ...applying, priceBandPercent: null }, symbols: {} },
    exposure: () => NO_EXPOSURE,
    mid: () => (mid ? { mid } : undefined),
  });
  if (!violation) return { applying, priceBand, error: null };
  return {
    applying,
    priceBand,
    error: {
      field: violation.limit === "price_band" ? "price" : "quantity",
      message: ticketMessage(violation),
    },
  };
}

/** Short enough for the field it sits under; the server's detail says the same at length. */
function ticketMessage(violation: LimitViolation): string {
  const { limitValue, orderValue } = violation;
  switch (violation.limit) {
    case "max_order_quantity":
      return `Over the max order quantity ${limitValue}`;
    case "max_order_notional":
      return `Order value ${orderValue} is over the max notional ${limitValue}`;
    case "max_open_orders":
      return `Over the max of ${limitValue} open orders`;
    case "max_position":
      return `Position would reach ${orderValue}, over the max ${limitValue}`;
    case "price_band":
      return `Outside the ±${limitValue}% price band (${violation.allowedRange?.min} – ${violation.allowedRange?.max})`;
  }
}
