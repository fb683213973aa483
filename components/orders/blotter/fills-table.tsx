"use client";

import type { FillView, OrderView } from "@/lib/orders/order-wire-schema";
import { formatOptionalDecimal, formatTime } from "../shared/format-order";
import { useInstrumentFormat } from "../shared/use-instrument-format";

export type BlotterFill = FillView & { order: Pick<OrderView, "id" | "symbol" | "side"> };

export function FillsTable({ fills }: { fills: BlotterFill[] }) {
  const format = useInstrumentFormat();
  if (fills.length === 0) return <p className="muted">No fills yet.</p>;
  return (
    <table className="table blotter-table" aria-label="Fills">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Symbol</th>
          <th scope="col">Side</th>
          <th scope="col" className="num">
            Price
          </th>
          <th scope="col" className="num">
            Quantity
          </th>
          <th scope="col" className="num">
            Fee
          </th>
          <th scope="col">Liquidity</th>
        </tr>
      </thead>
      <tbody>
        {fills.map((fill) => (
          <tr key={fill.id}>
            <td>{formatTime(fill.executedAt)}</td>
            <td>{fill.order.symbol}</td>
            <td className={`side-${fill.order.side}`}>{fill.order.side}</td>
            <td className="num">{format.price(fill.order.symbol, fill.price)}</td>
            <td className="num">{format.quantity(fill.order.symbol, fill.quantity)}</td>
            <td className="num">
              {formatOptionalDecimal(fill.fee)} {fill.feeAsset}
            </td>
            <td>{fill.liquidity}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
