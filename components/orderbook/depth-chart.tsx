"use client";

import { useId, useMemo } from "react";
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { depthChartData } from "./depth-chart-data";
import { useOrderBook } from "./order-book-context";
import type { OrderBookState } from "./order-book-store";
import { useThrottledOrderBook } from "./use-throttled-order-book";

/** The chart is redrawn at most twice a second: an SVG re-layout per book frame costs more than it shows. */
const CHART_INTERVAL_MS = 500;
const selectBook = (state: OrderBookState) => state.book;
// Axes use a numeric `interval`: with the default, Recharts measures every tick label (a forced layout) per redraw.
const axisTick = { fill: "var(--muted)", fontSize: 11 };
const formatPrice = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 2 });

export function DepthChart() {
  const book = useThrottledOrderBook(selectBook, CHART_INTERVAL_MS);
  const symbol = useOrderBook((state) => state.symbol);
  const data = useMemo(() => (book ? depthChartData(book) : null), [book]);
  const summaryId = useId();
  const base = symbol.split("/")[0];

  return (
    <figure className="depth-chart">
      <figcaption className="depth-chart-title">Depth</figcaption>
      <div
        className="depth-chart-plot"
        role="img"
        aria-label={`Depth chart of ${symbol}`}
        aria-describedby={summaryId}
      >
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart
            data={data?.points as object[] | undefined}
            // the right margin leaves room for the last price label, which is centred on the edge
            margin={{ top: 8, right: 28, bottom: 0, left: 0 }}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="price"
              type="number"
              domain={["dataMin", "dataMax"]}
              tick={axisTick}
              tickFormatter={formatPrice}
              tickCount={5}
              interval={0}
              stroke="var(--border)"
            />
            <YAxis tick={axisTick} tickCount={5} interval={0} stroke="var(--border)" width={48} />
            <Area
              type="stepBefore"
              dataKey="bids"
              name="Bids"
              stroke="var(--ok)"
              fill="var(--ok)"
              fillOpacity={0.25}
              isAnimationActive={false}
              connectNulls={false}
            />
            <Area
              type="stepAfter"
              dataKey="asks"
              name="Asks"
              stroke="var(--bad)"
              fill="var(--bad)"
              fillOpacity={0.25}
              isAnimationActive={false}
              connectNulls={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <p id={summaryId} className="depth-chart-summary muted">
        {data
          ? `Cumulative bids ${data.bidTotal} ${base}, asks ${data.askTotal} ${base} within the shown depth`
          : "No data yet"}
      </p>
    </figure>
  );
}
