"use client";

import { useQuery } from "@tanstack/react-query";
import Decimal from "decimal.js";
import type { OrderView } from "@/lib/orders/order-wire-schema";
import { CopyButton } from "../../ui/copy-button";
import { describeOrder, STATUS_LABELS } from "../shared/format-order";
import { orderDetailQuery } from "../shared/order-queries";
import { useInstrumentFormat } from "../shared/use-instrument-format";
import type { TicketOutcome } from "../submission/order-outcome";

/**
 * The order as it is now, not as it was answered: the detail query is refetched whenever the event
 * stream or a cancel invalidates the orders, so "open" turns into "canceled" or "filled" here too.
 */
function OrderSummary({ order: answered }: { order: OrderView }) {
  const format = useInstrumentFormat();
  const live = useQuery({ ...orderDetailQuery(answered.id), staleTime: Number.POSITIVE_INFINITY });
  const order = live.data?.order ?? answered;
  const filled = order.filledQuantity && !new Decimal(order.filledQuantity).isZero();
  return (
    <>
      {" "}
      {describeOrder(order, format)}, {order.status === answered.status ? "" : "now "}
      <span data-testid="ticket-order-status">{STATUS_LABELS[order.status]}</span>
      {filled ? ` (filled ${format.quantity(order.symbol, order.filledQuantity)})` : ""}.{" "}
      <span className="muted">Order ID</span> <code data-testid="ticket-order-id">{order.id}</code>{" "}
      <CopyButton value={order.id} label={`Copy order id ${order.id}`} />
    </>
  );
}

/** Progress and success go to a polite status region; failures to an alert. */
export function TicketOutcomeMessage({
  outcome,
  busy,
  held,
  retries,
  unmappedErrors,
}: {
  outcome: TicketOutcome | null;
  busy: boolean;
  held: boolean;
  retries: number;
  unmappedErrors: { field: string; message: string }[];
}) {
  let status: React.ReactNode = null;
  let alert: React.ReactNode = null;
  if (busy && !outcome) {
    status =
      retries > 0
        ? `No answer yet: resending the same order safely (attempt ${retries + 1})…`
        : "Placing order…";
  } else if (outcome?.kind === "placed") {
    status = (
      <>
        <strong>{outcome.replayed ? "Order already submitted:" : "Order placed:"}</strong>
        <OrderSummary order={outcome.order} />
        {held && <span className="muted"> To place another, change the order or choose New order.</span>}
      </>
    );
  } else if (outcome?.kind === "awaiting_venue") {
    status = (
      <>
        <strong>
          {outcome.replayed
            ? "Order already submitted, awaiting venue confirmation:"
            : "Order submitted, awaiting venue confirmation:"}
        </strong>
        <OrderSummary order={outcome.order} />
      </>
    );
  } else if (outcome?.kind === "rejected") {
    alert = (
      <>
        <strong>Order rejected by the venue:</strong> {outcome.detail}
        {outcome.order && <OrderSummary order={outcome.order} />}
      </>
    );
  } else if (outcome?.kind === "problem") {
    alert = (
      <>
        {outcome.problem.detail}
        {unmappedErrors.length > 0 && (
          <ul>
            {unmappedErrors.map((error) => (
              <li key={`${error.field}:${error.message}`}>
                {error.field}: {error.message}
              </li>
            ))}
          </ul>
        )}
        {outcome.problem.requestId && <span className="muted"> (request {outcome.problem.requestId})</span>}
      </>
    );
  } else if (outcome?.kind === "no_answer") {
    alert = outcome.detail;
  }
  return (
    <>
      <div role="status" aria-live="polite" className="ticket-status" data-testid="ticket-status">
        {status}
      </div>
      <div role="alert" className="form-error" data-testid="ticket-error">
        {alert}
      </div>
    </>
  );
}
