import type { Problem } from "../../api/api-client";
import type { TicketField } from "./ticket-validation";

const TICKET_FIELDS: readonly TicketField[] = ["symbol", "side", "type", "quantity", "price", "timeInForce"];

/** Splits a problem's `errors` into those that belong next to a ticket field and the rest. */
export function splitFieldErrors(problem: Problem | null): {
  byField: Partial<Record<TicketField, string>>;
  unmapped: { field: string; message: string }[];
} {
  const byField: Partial<Record<TicketField, string>> = {};
  const unmapped: { field: string; message: string }[] = [];
  for (const error of problem?.errors ?? []) {
    // Servers name fields as "quantity", "body.quantity" or "/quantity".
    const name = error.field.split(/[./]/).at(-1) as TicketField;
    if (TICKET_FIELDS.includes(name))
      byField[name] = byField[name] ? `${byField[name]}; ${error.message}` : error.message;
    else unmapped.push(error);
  }
  return { byField, unmapped };
}
