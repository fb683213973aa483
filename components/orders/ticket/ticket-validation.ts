import Decimal from "decimal.js";
import type { InstrumentView } from "@/lib/instruments/instrument-view";
import type { OrderInput } from "@/lib/orders/order-input-schema";
import type { OrderSide, OrderType, TimeInForce } from "@/lib/orders/order-wire-schema";
import { checkTicketRisk, type TicketRisk, type TicketRiskCheck } from "./ticket-risk-check";

/** What the operator typed, as text: nothing is parsed to a float, ever. */
export type TicketValues = {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: string;
  price: string;
  timeInForce: TimeInForce;
};

export type TicketField = "symbol" | "side" | "type" | "quantity" | "price" | "timeInForce";

export type TicketValidation = {
  /** One message per field that is wrong; min notional is reported against quantity. */
  errors: Partial<Record<TicketField, string>>;
  /** quantity × price for a limit order whose both are valid decimals, else null. */
  notional: Decimal | null;
  /** The request body, present only when there are no errors. */
  body: OrderInput | null;
  /** The risk limits for the symbol and the band's prices, when the limits are known. */
  risk: TicketRiskCheck | null;
};

// Plain positional decimals only: Decimal would also accept "1e3", "0x10" or "Infinity".
const DECIMAL_TEXT = /^\d+(\.\d+)?$/;

function parsePositive(text: string): Decimal | string {
  const trimmed = text.trim();
  if (trimmed === "") return "is required";
  if (!DECIMAL_TEXT.test(trimmed)) return "must be a decimal number such as 0.015";
  const value = new Decimal(trimmed);
  if (value.lte(0)) return "must be greater than 0";
  return value;
}

function isMultipleOf(value: Decimal, step: string): boolean {
  const increment = new Decimal(step);
  return increment.isZero() || value.mod(increment).isZero();
}

/**
 * Checks a ticket against the instrument's filters (lot size, tick size, minimum notional) and then,
 * given them, against the pre-trade risk limits the server would refuse it on.
 */
export function validateTicket(
  values: TicketValues,
  instrument: InstrumentView | undefined,
  riskLimits?: TicketRisk,
): TicketValidation {
  const errors: TicketValidation["errors"] = {};
  if (!instrument) errors.symbol = values.symbol ? `Unknown symbol ${values.symbol}` : "Choose a symbol";

  const quantity = parsePositive(values.quantity);
  if (typeof quantity === "string") errors.quantity = `Quantity ${quantity}`;
  else if (instrument && !isMultipleOf(quantity, instrument.lotSize))
    errors.quantity = `Quantity must be a multiple of the lot size ${instrument.lotSize}`;

  let price: Decimal | null = null;
  if (values.type === "limit") {
    const parsed = parsePositive(values.price);
    if (typeof parsed === "string") errors.price = `Price ${parsed}`;
    else {
      price = parsed;
      if (instrument && !isMultipleOf(parsed, instrument.tickSize))
        errors.price = `Price must be a multiple of the tick size ${instrument.tickSize}`;
    }
  }

  const notional = typeof quantity !== "string" && price ? quantity.mul(price) : null;
  if (notional && instrument && notional.lt(instrument.minNotional) && !errors.quantity) {
    errors.quantity = `Order value ${notional.toFixed()} is below the minimum notional ${instrument.minNotional}`;
  }

  const risk = riskLimits && values.symbol ? checkTicketRisk({ symbol: values.symbol }, riskLimits) : null;
  if (Object.keys(errors).length > 0 || typeof quantity === "string")
    return { errors, notional, body: null, risk };
  const body: OrderInput = {
    symbol: values.symbol,
    side: values.side,
    type: values.type,
    quantity: quantity.toFixed(),
  };
  if (values.type === "limit" && price) {
    body.price = price.toFixed();
    body.timeInForce = values.timeInForce;
  }
  if (riskLimits) {
    const checked = checkTicketRisk(body, riskLimits);
    if (checked.error)
      return {
        errors: { [checked.error.field]: checked.error.message },
        notional,
        body: null,
        risk: checked,
      };
    return { errors, notional, body, risk: checked };
  }
  return { errors, notional, body, risk };
}
