import { describeOrder, formatDecimal, STATUS_LABELS } from "./format-order";
import type { TicketOutcome } from "./order-outcome";
import type { OrderView } from "./order-types";

function OrderSummary({ order }: { order: OrderView }) {
  return (
    <>
      {" "}
      {describeOrder(order)}, {STATUS_LABELS[order.status]}
      {order.filledQuantity && formatDecimal(order.filledQuantity) !== "0"
        ? ` (filled ${formatDecimal(order.filledQuantity)})`
        : ""}
      . <span className="muted">Order ID</span> <code data-testid="ticket-order-id">{order.id}</code>
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
