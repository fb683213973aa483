"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ApiError } from "../../api/api-client";
import { CopyButton } from "../../ui/copy-button";
import { FillsTable } from "../blotter/fills-table";
import { CancelConfirmation, type CancelMessage, cancelFailure } from "../cancel/cancel-message";
import { CancelOrderButton } from "../cancel/cancel-order-button";
import { CANCELABLE_STATUSES } from "../cancel/cancelable-statuses";
import { EventStreamIndicator } from "../shared/event-stream-indicator";
import { formatDateTime, STATUS_LABELS } from "../shared/format-order";
import { orderDetailQuery } from "../shared/order-queries";
import { PlacedByText } from "../shared/placed-by-text";
import { useInstrumentFormat } from "../shared/use-instrument-format";
import { useOrderEvents } from "../shared/use-order-events";
import { OrderEventsTable } from "./order-events-table";

/** One order: what it is, who placed it, its fills and every event in its life, kept live. */
export function OrderDetailPanel({ id, canTrade }: { id: string; canTrade: boolean }) {
  const stream = useOrderEvents();
  const detail = useQuery({ ...orderDetailQuery(id), retry: false });
  const format = useInstrumentFormat();
  const [cancelMessage, setCancelMessage] = useState<CancelMessage | null>(null);
  const order = detail.data?.order;

  return (
    <div className="stack-lg">
      <p>
        <Link href="/orders">← All orders</Link>
      </p>
      <h1>
        Order <code>{id}</code> <CopyButton value={id} label={`Copy order id ${id}`} />
      </h1>
      {detail.isPending && <p className="muted">Loading…</p>}
      {detail.error && (
        <p role="alert" className="form-error">
          {detail.error instanceof ApiError ? detail.error.problem.detail : "Cannot reach the server."}
        </p>
      )}
      {order && (
        <>
          <section className="panel stack" aria-labelledby="order-summary-title">
            <header className="blotter-header">
              <h2 id="order-summary-title">Summary</h2>
              <EventStreamIndicator state={stream} />
            </header>
            <dl className="order-summary">
              <dt>Status</dt>
              <dd data-testid="order-status">
                {STATUS_LABELS[order.status]}
                {order.rejectReason ? `: ${order.rejectReason}` : ""}
              </dd>
              <dt>Symbol</dt>
              <dd>{order.symbol}</dd>
              <dt>Side</dt>
              <dd className={`side-${order.side}`}>{order.side}</dd>
              <dt>Type</dt>
              <dd>
                {order.type}
                {order.timeInForce ? ` ${order.timeInForce}` : ""}
              </dd>
              <dt>Price</dt>
              <dd>{order.type === "market" ? "market" : format.price(order.symbol, order.price)}</dd>
              <dt>Quantity</dt>
              <dd>{format.quantity(order.symbol, order.quantity)}</dd>
              <dt>Filled</dt>
              <dd>{format.quantity(order.symbol, order.filledQuantity)}</dd>
              <dt>Avg price</dt>
              <dd>{format.price(order.symbol, order.averagePrice)}</dd>
              <dt>Placed by</dt>
              <dd>
                <PlacedByText placedBy={order.placedBy} />
              </dd>
              <dt>Created</dt>
              <dd>{formatDateTime(order.createdAt)}</dd>
              <dt>Client order id</dt>
              <dd>
                <code>{order.clientOrderId}</code>
              </dd>
            </dl>
            {canTrade && CANCELABLE_STATUSES.has(order.status) && (
              <div>
                <CancelOrderButton order={order} onResult={setCancelMessage} />
              </div>
            )}
            <CancelConfirmation message={cancelMessage} />
            <div role="alert" className="form-error">
              {cancelFailure(cancelMessage)}
            </div>
          </section>
          <section className="panel" aria-labelledby="order-fills-title">
            <h2 id="order-fills-title">Fills</h2>
            <FillsTable fills={order.fills.map((fill) => ({ ...fill, order }))} />
          </section>
          <section className="panel" aria-labelledby="order-events-title">
            <h2 id="order-events-title">Events</h2>
            <OrderEventsTable events={order.events} />
          </section>
        </>
      )}
    </div>
  );
}
