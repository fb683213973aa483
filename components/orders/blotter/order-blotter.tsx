"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ApiError } from "../../api/api-client";
import { CancelConfirmation, type CancelMessage, cancelFailure } from "../cancel/cancel-message";
import { EventStreamIndicator } from "../shared/event-stream-indicator";
import { BLOTTER_POLL_MS, openOrdersQuery, recentOrdersQuery } from "../shared/order-queries";
import { useOrderEvents } from "../shared/use-order-events";
import { FillsTable } from "./fills-table";
import { OrderTable } from "./order-table";
import { useRecentFills } from "./use-recent-fills";

function loadError(error: unknown): string | null {
  if (!error) return null;
  return error instanceof ApiError ? error.problem.detail : "Cannot reach the server.";
}

/** Open orders (with cancel for traders), recent orders and fills, kept live by the event stream. */
export function OrderBlotter({ canTrade }: { canTrade: boolean }) {
  const stream = useOrderEvents();
  const open = useQuery({ ...openOrdersQuery, refetchInterval: BLOTTER_POLL_MS });
  const recent = useQuery({ ...recentOrdersQuery, refetchInterval: BLOTTER_POLL_MS });
  const recentOrders = recent.data?.orders ?? [];
  const fills = useRecentFills(recentOrders);
  const [cancelMessage, setCancelMessage] = useState<CancelMessage | null>(null);
  const titleId = useId();
  const error = loadError(open.error ?? recent.error);

  return (
    <section className="panel blotter" aria-labelledby={titleId}>
      <header className="blotter-header">
        <h2 id={titleId}>Blotter</h2>
        <EventStreamIndicator state={stream} />
      </header>
      <div role="alert" className="form-error">
        {cancelFailure(cancelMessage) ?? (error ? `Orders could not be loaded: ${error}` : null)}
      </div>
      <CancelConfirmation message={cancelMessage} />
      <h3>Open orders</h3>
      {open.isPending ? (
        <p className="muted">Loading…</p>
      ) : (
        <OrderTable
          label="Open orders"
          orders={open.data?.orders ?? []}
          onCancelResult={canTrade ? setCancelMessage : undefined}
          emptyText="No open orders."
        />
      )}
      <h3>Recent orders</h3>
      {recent.isPending ? (
        <p className="muted">Loading…</p>
      ) : (
        <OrderTable
          label="Recent orders"
          orders={recentOrders}
          showAveragePrice
          showRejectReason
          emptyText="No orders yet."
        />
      )}
      <h3>Fills</h3>
      {recent.isPending || fills.isLoading ? (
        <p className="muted">Loading…</p>
      ) : (
        <FillsTable fills={fills.fills} />
      )}
    </section>
  );
}
