import { DomainError } from "../errors/domain-error";
import { findInstrument } from "../instruments/find-instrument";
import { listInstruments } from "../instruments/list-instruments";
import { unknownSymbolMessage } from "../instruments/unknown-symbol-message";
import type { VenuePort } from "../venue/port/venue-port";

/** A halt names an instrument that exists: otherwise validation_failed on `symbol`, as the orders routes answer. */
export async function assertKnownSymbol(options: { venue: VenuePort; symbol: string }): Promise<void> {
  if (await findInstrument({ venue: options.venue, symbol: options.symbol })) return;
  const known = (await listInstruments()).map((listed) => listed.symbol);
  const message = unknownSymbolMessage(options.symbol, known);
  throw new DomainError({
    kind: "bad_request",
    code: "validation_failed",
    detail: `The request body is invalid: symbol: ${message}`,
    extra: { errors: [{ field: "symbol", message }] },
  });
}
