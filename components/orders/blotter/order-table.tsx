"use client";

import Link from "next/link";
import type { NamedOrderView } from "@/lib/orders/order-wire-schema";
import { CopyButton } from "../../ui/copy-button";
import type { CancelMessage } from "../cancel/cancel-message";
import { CancelOrderButton } from "../cancel/cancel-order-button";
import { CANCELABLE_STATUSES } from "../cancel/cancelable-statuses";
import { formatDateTime, formatTime, STATUS_LABELS } from "../shared/format-order";
import { PlacedByText } from "../shared/placed-by-text";
import { useInstrumentFormat } from "../shared/use-instrument-format";
import { shortOrderId } from "./short-order-id";

/** A table of orders, one row each: the Orders page's list and the Trade page's open and recent orders. */
export function OrderTable({
  label,
  orders,
  withDate = false,
  showAveragePrice = false,
  showRejectReason = false,
  showPlacedBy = false,
  onCancelResult,
  emptyText,
}: {
  /** The table's accessible name. */
  label: string;
  orders: NamedOrderView[];
  /** Show the date as well as the time, for lists that span more than a day. */
  withDate?: boolean;
  showAveragePrice?: boolean;
  /** Add a rejected order's reason to its status. */
  showRejectReason?: boolean;
  /** A column naming the user or API token that placed each order. */
  showPlacedBy?: boolean;
  /** When given, a Cancel column for orders still resting (pass it to traders only). */
  onCancelResult?: ((message: CancelMessage | null) => void) | undefined;
  /** When given, shown instead of the table while there are no orders. */
  emptyText?: string;
}) {
  const format = useInstrumentFormat();
  if (orders.length === 0 && emptyText !== undefined) return <p className="muted">{emptyText}</p>;
  const formatCreatedAt = withDate ? formatDateTime : formatTime;
  return (
    <table className="table blotter-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Order</th>
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
          {showPlacedBy && <th scope="col">Placed by</th>}
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
            <td className="order-id-cell">
              <Link href={`/orders/${order.id}`} title={`Details of order ${order.id}`}>
                <code>{shortOrderId(order.id)}</code>
              </Link>{" "}
              <CopyButton value={order.id} label={`Copy order id ${order.id}`} />
            </td>
            <td>{formatCreatedAt(order.createdAt)}</td>
            <td>{order.symbol}</td>
            <td className={`side-${order.side}`}>{order.side}</td>
            <td>
              {order.type}
              {order.timeInForce ? ` ${order.timeInForce}` : ""}
            </td>
            <td className="num">
              {order.type === "market" ? "market" : format.price(order.symbol, order.price)}
            </td>
            <td className="num">{format.quantity(order.symbol, order.quantity)}</td>
            <td className="num">{format.quantity(order.symbol, order.filledQuantity)}</td>
            {showAveragePrice && <td className="num">{format.price(order.symbol, order.averagePrice)}</td>}
            {showRejectReason ? (
              <td title={order.rejectReason ?? undefined}>
                {STATUS_LABELS[order.status]}
                {order.rejectReason ? `: ${order.rejectReason}` : ""}
              </td>
            ) : (
              <td>{STATUS_LABELS[order.status]}</td>
            )}
            {showPlacedBy && (
              <td>
                {order.origin === "external" ? (
                  <span
                    className="origin-external"
                    title="Placed on our account outside Tally; found by reconciliation"
                  >
                    external
                  </span>
                ) : (
                  <PlacedByText placedBy={order.placedBy} />
                )}
              </td>
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
