"use client";

import { useState } from "react";
import { OrderTable } from "../blotter/order-table";
import { CancelConfirmation, type CancelMessage, cancelFailure } from "../cancel/cancel-message";
import { describeLoadError } from "./order-list-errors";
import type { useFilteredOrders } from "./use-filtered-orders";

type FilteredOrders = ReturnType<typeof useFilteredOrders>;

const FAILED_LOAD_PREFIX = {
  first: "Orders could not be loaded",
  refresh: "Orders could not be refreshed (showing the last list loaded)",
  next: "More orders could not be loaded",
} as const;

const countText = (count: number, more: boolean) =>
  `${count === 1 ? "1 order" : `${count} orders`} shown${more ? ", more to load" : ""}`;

/** The list under the filters: what was loaded, or in words why there is nothing to show. */
export function OrderListResults({
  list,
  filterMessages,
  canTrade,
}: {
  list: FilteredOrders;
  /** The filters' errors: while there are any, nothing is requested. */
  filterMessages: string[];
  canTrade: boolean;
}) {
  const [cancelMessage, setCancelMessage] = useState<CancelMessage | null>(null);

  if (filterMessages.length > 0) {
    return (
      <p role="alert" className="form-error">
        Orders are not loaded until the filters are fixed: {filterMessages.join("; ")}.
      </p>
    );
  }

  const failure = list.failedLoad && list.error ? describeLoadError(list.error) : null;
  const alert =
    cancelFailure(cancelMessage) ??
    (failure && list.failedLoad ? `${FAILED_LOAD_PREFIX[list.failedLoad]}: ${failure}` : null);

  return (
    <div className="stack" aria-busy={list.isLoading || list.loadingMore}>
      <div role="alert" className="form-error">
        {alert}
        {list.failedLoad === "first" && (
          <>
            {" "}
            <button type="button" className="button small" onClick={list.retry}>
              Retry
            </button>
          </>
        )}
      </div>
      <CancelConfirmation message={cancelMessage} />
      {list.isLoading && <p className="muted">Loading…</p>}
      {list.orders && (
        <>
          <p role="status" className="muted">
            {list.orders.length === 0
              ? "No orders match these filters."
              : countText(list.orders.length, list.hasNextPage)}
          </p>
          {list.orders.length > 0 && (
            <OrderTable
              label="Orders"
              orders={list.orders}
              withDate
              showAveragePrice
              showRejectReason
              showPlacedBy
              onCancelResult={canTrade ? setCancelMessage : undefined}
            />
          )}
          {list.hasNextPage && (
            <div>
              <button
                type="button"
                className="button"
                disabled={list.loadingMore}
                aria-busy={list.loadingMore}
                onClick={() => void list.loadMore()}
              >
                Load more
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
