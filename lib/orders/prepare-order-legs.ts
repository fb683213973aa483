import { Decimal } from "decimal.js";
import { DomainError } from "../errors/domain-error";
import { findInstrument } from "../instruments/find-instrument";
import { listInstruments } from "../instruments/list-instruments";
import { unknownSymbolMessage } from "../instruments/unknown-symbol-message";
import type { VenuePort } from "../venue/port/venue-port";
import { checkOrderFilters, type FieldError } from "./check-order-filters";
import { getReferencePrice } from "./get-reference-price";
import type { OrderInput } from "./order-input-schema";

export interface PreparedLeg {
  input: OrderInput;
  /** Limit price, or the market order's reference price (null when none could be had). */
  notionalPrice: Decimal | null;
}

/**
 * Validates every leg against its instrument before anything is claimed or sent (all or nothing):
 * any invalid leg -> validation_failed listing every offending field (prefixed "orders.<i>." in
 * a batch). Returns the legs with the price used for notional checks.
 */
export async function prepareOrderLegs(options: {
  venue: VenuePort;
  legs: OrderInput[];
  batch: boolean;
}): Promise<PreparedLeg[]> {
  const errors: FieldError[] = [];
  const prepared: PreparedLeg[] = [];
  for (const [index, input] of options.legs.entries()) {
    const prefix = options.batch ? `orders.${index}.` : "";
    const instrument = await findInstrument({ venue: options.venue, symbol: input.symbol });
    if (!instrument) {
      const known = (await listInstruments()).map((listed) => listed.symbol);
      errors.push({ field: `${prefix}symbol`, message: unknownSymbolMessage(input.symbol, known) });
      prepared.push({ input, notionalPrice: null });
      continue;
    }
    const notionalPrice =
      input.type === "limit" && input.price !== undefined
        ? new Decimal(input.price)
        : await getReferencePrice({ venue: options.venue, symbol: input.symbol, side: input.side });
    errors.push(
      ...checkOrderFilters({ order: input, instrument, referencePrice: notionalPrice, fieldPrefix: prefix }),
    );
    prepared.push({ input, notionalPrice });
  }
  if (errors.length > 0) {
    throw new DomainError({
      kind: "bad_request",
      code: "validation_failed",
      detail: `The request body is invalid: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`,
      extra: { errors },
    });
  }
  return prepared;
}
