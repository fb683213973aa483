"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { MISMATCH_TYPES, type MismatchType } from "@/lib/reconciliation/read/mismatch-vocabulary";
import { TYPE_LABELS } from "./mismatch-labels";
import type { ReconciliationSummary } from "./reconciliation-queries";

const COLORS: Record<MismatchType, string> = {
  missing_at_venue: "#d29922",
  unknown_at_venue_order: "#a371f7",
  status_mismatch: "#2f81f7",
  fill_missing_locally: "#3fb950",
  fill_missing_at_venue: "#f85149",
  fill_quantity_mismatch: "#ff7b72",
  price_or_fee_mismatch: "#79c0ff",
  duplicate_venue_orders: "#ffa657",
  stuck_pending: "#8b949e",
  balance_drift: "#db61a2",
};

const hour = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** New mismatches per hour over the last day, stacked by type (only the types that occurred). */
export function MismatchChart({ series }: { series: ReconciliationSummary["series"] }) {
  const types = MISMATCH_TYPES.filter((type) => series.points.some((point) => point.byType[type] > 0));
  const data = series.points.map((point) => ({ at: point.at, ...point.byType }));
  return (
    <section className="panel mismatch-chart" aria-label="Mismatches over time">
      <h2>New mismatches per {series.bucket}, last 24 h</h2>
      {types.length === 0 ? (
        <p className="muted">No mismatch was raised in this period.</p>
      ) : (
        <div className="mismatch-chart-plot">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -20 }}>
              <CartesianGrid stroke="#30363d" vertical={false} />
              <XAxis dataKey="at" tickFormatter={hour} stroke="#8b949e" fontSize={11} interval={3} />
              <YAxis allowDecimals={false} stroke="#8b949e" fontSize={11} interval={0} />
              {types.map((type) => (
                <Bar
                  key={type}
                  dataKey={type}
                  name={TYPE_LABELS[type]}
                  stackId="types"
                  fill={COLORS[type]}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      {types.length > 0 && (
        <ul className="chart-legend" aria-label="Types">
          {types.map((type) => (
            <li key={type}>
              <svg width="10" height="10" aria-hidden="true">
                <rect width="10" height="10" fill={COLORS[type]} />
              </svg>{" "}
              {TYPE_LABELS[type]}: {series.points.reduce((sum, point) => sum + point.byType[type], 0)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
