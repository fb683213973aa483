import { Decimal } from "decimal.js";
import type { TradingInstrument } from "../instruments/find-instrument";
import type { OrderInput } from "./order-input-schema";

export interface FieldError {
  field: string;
  message: string;
}

export interface CheckOrderFiltersOptions {
  order: OrderInput;
  instrument: TradingInstrument;
  /** Price used for the notional of a market order (e.g. the book top); null when none is known. */
  referencePrice: Decimal | null;
  /** Prefix for field names, e.g. "orders.2." in a batch. */
  fieldPrefix?: string;
}

const isMultiple = (value: Decimal, step: Decimal) => step.lte(0) || value.mod(step).isZero();

/**
 * The instrument's filters in exact decimal arithmetic: price a multiple of the tick size, quantity a
 * multiple of the lot size, notional at least the minimum. One message per offending field.
 */
export function checkOrderFilters(options: CheckOrderFiltersOptions): FieldError[] {
  const { order, instrument, referencePrice } = options;
  const prefix = options.fieldPrefix ?? "";
  const errors: FieldError[] = [];
  const quantity = new Decimal(order.quantity);
  if (!isMultiple(quantity, instrument.lotSize)) {
    errors.push({
      field: `${prefix}quantity`,
      message: `quantity must be a multiple of the lot size ${instrument.lotSize.toFixed()}`,
    });
  }
  let price: Decimal | null = null;
  if (order.type === "limit" && order.price !== undefined) {
    price = new Decimal(order.price);
    if (!isMultiple(price, instrument.tickSize)) {
      errors.push({
        field: `${prefix}price`,
        message: `price must be a multiple of the tick size ${instrument.tickSize.toFixed()}`,
      });
    }
  } else {
    price = referencePrice;
  }
  if (price !== null && quantity.times(price).lt(instrument.minNotional)) {
    const subject = order.type === "limit" ? "quantity x price" : "quantity x reference price";
    errors.push({
      field: `${prefix}quantity`,
      message: `${subject} must be at least the minimum notional ${instrument.minNotional.toFixed()}`,
    });
  }
  return errors;
}
