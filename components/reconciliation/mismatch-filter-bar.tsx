"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import {
  MISMATCH_SEVERITIES,
  MISMATCH_STATUSES,
  MISMATCH_TYPES,
} from "@/lib/reconciliation/read/mismatch-vocabulary";
import { instrumentsQuery } from "../orders/shared/order-queries";
import { DEFAULT_STATUSES, type MismatchFilters, toggle } from "./mismatch-filters";
import { STATUS_TEXT, TYPE_LABELS } from "./mismatch-labels";

function Checks({
  legend,
  values,
  options,
  labels,
  onChange,
}: {
  legend: string;
  values: string[];
  options: readonly string[];
  labels: Record<string, string>;
  onChange: (values: string[]) => void;
}) {
  const id = useId();
  return (
    <fieldset className="status-filter">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="checkbox" htmlFor={`${id}-${option}`}>
          <input
            id={`${id}-${option}`}
            type="checkbox"
            checked={values.includes(option)}
            onChange={(event) => onChange(toggle(values, option, event.target.checked, options))}
          />
          {labels[option] ?? option}
        </label>
      ))}
    </fieldset>
  );
}

/** Status, severity, type and symbol of the mismatch table, and its sort; every change goes to the URL. */
export function MismatchFilterBar({
  filters,
  onChange,
}: {
  filters: MismatchFilters;
  onChange: (change: (current: MismatchFilters) => MismatchFilters) => void;
}) {
  const id = useId();
  const instruments = useQuery(instrumentsQuery);
  const set = (patch: Partial<MismatchFilters>) => onChange((current) => ({ ...current, ...patch }));
  const severityLabels = Object.fromEntries(MISMATCH_SEVERITIES.map((s) => [s, s]));
  return (
    <form
      className="order-filters"
      aria-label="Mismatch filters"
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="order-filters-row">
        <Checks
          legend="Status"
          values={filters.statuses}
          options={MISMATCH_STATUSES}
          labels={STATUS_TEXT}
          onChange={(statuses) => set({ statuses })}
        />
        <Checks
          legend="Severity"
          values={filters.severities}
          options={MISMATCH_SEVERITIES}
          labels={severityLabels}
          onChange={(severities) => set({ severities })}
        />
      </div>
      <div className="order-filters-row">
        <label className="field" htmlFor={`${id}-type`}>
          <span>Type</span>
          <select
            id={`${id}-type`}
            value={filters.types[0] ?? ""}
            onChange={(event) => set({ types: event.target.value ? [event.target.value] : [] })}
          >
            <option value="">Any type</option>
            {MISMATCH_TYPES.map((type) => (
              <option key={type} value={type}>
                {TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-symbol`}>
          <span>Symbol</span>
          <select
            id={`${id}-symbol`}
            value={filters.symbol}
            onChange={(event) => set({ symbol: event.target.value })}
          >
            <option value="">Any symbol</option>
            {(instruments.data?.instruments ?? []).map((instrument) => (
              <option key={instrument.symbol} value={instrument.symbol}>
                {instrument.symbol}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-sort`}>
          <span>Sort</span>
          <select
            id={`${id}-sort`}
            value={filters.sort}
            onChange={(event) => set({ sort: event.target.value })}
          >
            <option value="severity">Most severe first</option>
            <option value="lastSeenAt">Last seen, newest first</option>
            <option value="firstSeenAt">First seen, newest first</option>
          </select>
        </label>
        <button
          type="button"
          className="button small"
          onClick={() =>
            set({ statuses: [...DEFAULT_STATUSES], severities: [], types: [], symbol: "", sort: "severity" })
          }
        >
          Unresolved only
        </button>
        <button type="button" className="button small" onClick={() => set({ statuses: [] })}>
          Every status
        </button>
      </div>
    </form>
  );
}
