"use client";

import { CancelOrderButton } from "./cancel-order-button";
import { CANCELABLE_STATUSES } from "./cancelable-statuses";
import { formatDateTime, formatDecimal, STATUS_LABELS } from "./format-order";
import type { OrderView } from "./order-types";

/** The Orders page's list: every order the filters match, with Cancel for traders on resting ones. */
export function OrderListTable({
  orders,
  canTrade,
  onCancelResult,
}: {
  orders: OrderView[];
  canTrade: boolean;
  onCancelResult: (message: string | null) => void;
}) {
  return (
    <table className="table blotter-table" aria-label="Orders">
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
          <th scope="col" className="num">
            Avg price
          </th>
          <th scope="col">Status</th>
          {canTrade && (
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.id} data-order-id={order.id}>
            <td>{formatDateTime(order.createdAt)}</td>
            <td>{order.symbol}</td>
            <td className={`side-${order.side}`}>{order.side}</td>
            <td>
              {order.type}
              {order.timeInForce ? ` ${order.timeInForce}` : ""}
            </td>
            <td className="num">{order.type === "market" ? "market" : formatDecimal(order.price)}</td>
            <td className="num">{formatDecimal(order.quantity)}</td>
            <td className="num">{formatDecimal(order.filledQuantity)}</td>
            <td className="num">{formatDecimal(order.averagePrice)}</td>
            <td title={order.rejectReason ?? undefined}>
              {STATUS_LABELS[order.status]}
              {order.rejectReason ? `: ${order.rejectReason}` : ""}
            </td>
            {canTrade && (
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
