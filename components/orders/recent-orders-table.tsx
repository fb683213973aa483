import { formatDecimal, formatTime, STATUS_LABELS } from "./format-order";
import type { OrderView } from "./order-types";

export function RecentOrdersTable({ orders }: { orders: OrderView[] }) {
  if (orders.length === 0) return <p className="muted">No orders yet.</p>;
  return (
    <table className="table blotter-table" aria-label="Recent orders">
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
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.id} data-order-id={order.id}>
            <td>{formatTime(order.createdAt)}</td>
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
          </tr>
        ))}
      </tbody>
    </table>
  );
}
