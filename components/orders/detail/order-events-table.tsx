import type { OrderEventView } from "@/lib/orders/order-wire-schema";
import { formatDateTime, STATUS_LABELS } from "../shared/format-order";

/** An order's events, oldest first: every status change with the data the server recorded for it. */
export function OrderEventsTable({ events }: { events: OrderEventView[] }) {
  if (events.length === 0) return <p className="muted">No events recorded.</p>;
  return (
    <table className="table blotter-table" aria-label="Order events">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id}>
            <td>{formatDateTime(event.createdAt)}</td>
            <td>{event.type}</td>
            <td>
              {event.fromStatus ? `${STATUS_LABELS[event.fromStatus]} → ` : ""}
              {event.toStatus ? STATUS_LABELS[event.toStatus] : ""}
            </td>
            <td className="event-data">
              {event.data === null || event.data === undefined ? (
                ""
              ) : (
                <code>{JSON.stringify(event.data)}</code>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
