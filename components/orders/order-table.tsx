"use client";

import { CancelOrderButton } from "./cancel-order-button";
import { CANCELABLE_STATUSES } from "./cancelable-statuses";
import { formatDateTime, formatDecimal, formatTime, STATUS_LABELS } from "./format-order";
import type { OrderView } from "./order-types";

/** A table of orders, one row each: the Orders page's list and the Trade page's open and recent orders. */
export function OrderTable({
  label,
  orders,
  withDate = false,
  showAveragePrice = false,
  showRejectReason = false,
  onCancelResult,
  emptyText,
}: {
  /** The table's accessible name. */
  label: string;
  orders: OrderView[];
  /** Show the date as well as the time, for lists that span more than a day. */
  withDate?: boolean;
  showAveragePrice?: boolean;
  /** Add a rejected order's reason to its status. */
  showRejectReason?: boolean;
  /** When given, a Cancel column for orders still resting (pass it to traders only). */
  onCancelResult?: ((message: string | null) => void) | undefined;
  /** When given, shown instead of the table while there are no orders. */
  emptyText?: string;
}) {
  if (orders.length === 0 && emptyText !== undefined) return <p className="muted">{emptyText}</p>;
  const formatCreatedAt = withDate ? formatDateTime : formatTime;
  return (
    <table className="table blotter-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Symbol</th>
          <th scope="col">Side</th>
          <th scope="col">Type</th>
          <th scope="col" className="num">
            Price
          </th>
          <th scope="col" className="num">
            Quantity
          </th>
          <th scope="col" className="num">
            Filled
          </th>
          {showAveragePrice && (
            <th scope="col" className="num">
              Avg price
            </th>
          )}
          <th scope="col">Status</th>
          {onCancelResult && (
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.id} data-order-id={order.id}>
            <td>{formatCreatedAt(order.createdAt)}</td>
            <td>{order.symbol}</td>
            <td className={`side-${order.side}`}>{order.side}</td>
            <td>
              {order.type}
              {order.timeInForce ? ` ${order.timeInForce}` : ""}
            </td>
            <td className="num">{order.type === "market" ? "market" : formatDecimal(order.price)}</td>
            <td className="num">{formatDecimal(order.quantity)}</td>
            <td className="num">{formatDecimal(order.filledQuantity)}</td>
            {showAveragePrice && <td className="num">{formatDecimal(order.averagePrice)}</td>}
            {showRejectReason ? (
              <td title={order.rejectReason ?? undefined}>
                {STATUS_LABELS[order.status]}
                {order.rejectReason ? `: ${order.rejectReason}` : ""}
              </td>
            ) : (
              <td>{STATUS_LABELS[order.status]}</td>
            )}
            {onCancelResult && (
              <td>
                {CANCELABLE_STATUSES.has(order.status) && (
                  <CancelOrderButton order={order} onResult={onCancelResult} />
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
