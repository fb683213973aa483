"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { errorAttributes, Field } from "../../ui/field";
import { instrumentsQuery } from "../shared/order-queries";
import { DateTimeFilter } from "./date-time-filter";
import { clearedFilters, hasActiveFilters, NO_FILTERS, type OrderListFilters } from "./order-list-filters";
import { StatusFilter } from "./status-filter";
import { ORDER_ORIGINS, type OrderListFilterErrors } from "./validate-order-list-filters";

/** The options of a select, plus the current value when a link set one that is not among them. */
function withCurrent(options: readonly string[], current: string): readonly string[] {
  return current === "" || options.includes(current) ? options : [...options, current];
}

/** Status, symbol, side and time range of the Orders page; every change goes straight to the URL. */
export function OrderFilterBar({
  filters,
  errors,
  onChange,
}: {
  filters: OrderListFilters;
  errors: OrderListFilterErrors;
  onChange: (change: (current: OrderListFilters) => OrderListFilters) => void;
}) {
  const idPrefix = useId();
  const id = (field: string) => `${idPrefix}-${field}`;
  const instruments = useQuery(instrumentsQuery);
  const symbols = withCurrent(instruments.data?.instruments.map((i) => i.symbol) ?? [], filters.symbol);
  const sides = withCurrent(["buy", "sell"], filters.side);
  const origins = withCurrent([...ORDER_ORIGINS], filters.origin);
  const set = (patch: Partial<OrderListFilters>) => onChange((current) => ({ ...current, ...patch }));

  return (
    <form className="order-filters" aria-label="Order filters" onSubmit={(event) => event.preventDefault()}>
      <StatusFilter
        idPrefix={idPrefix}
        statuses={filters.statuses}
        error={errors.status}
        onChange={(statuses) => set({ statuses })}
      />
      <div className="order-filters-row">
        <Field id={id("symbol")} label="Symbol" error={errors.symbol}>
          <select
            id={id("symbol")}
            value={filters.symbol}
            onChange={(event) => set({ symbol: event.target.value })}
            {...errorAttributes(id("symbol"), errors.symbol)}
          >
            <option value="">Any symbol</option>
            {symbols.map((symbol) => (
              <option key={symbol} value={symbol}>
                {symbol}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id("side")} label="Side" error={errors.side}>
          <select
            id={id("side")}
            value={filters.side}
            onChange={(event) => set({ side: event.target.value })}
            {...errorAttributes(id("side"), errors.side)}
          >
            <option value="">Any side</option>
            {sides.map((side) => (
              <option key={side} value={side}>
                {side}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id("origin")} label="Origin" error={errors.origin}>
          <select
            id={id("origin")}
            value={filters.origin}
            onChange={(event) => set({ origin: event.target.value })}
            {...errorAttributes(id("origin"), errors.origin)}
          >
            <option value="">Any origin</option>
            {origins.map((origin) => (
              <option key={origin} value={origin}>
                {origin === "external" ? "external (outside Tally)" : origin}
              </option>
            ))}
          </select>
        </Field>
        <DateTimeFilter
          id={id("from")}
          label="From"
          iso={filters.from}
          error={errors.from}
          onChange={(from) => set({ from })}
        />
        <DateTimeFilter
          id={id("to")}
          label="To"
          iso={filters.to}
          error={errors.to}
          onChange={(to) => set({ to })}
        />
        <button
          type="button"
          className="button"
          disabled={!hasActiveFilters(filters) && !errors.limit}
          // A page size the API refuses goes too; a valid one is kept.
          onClick={() => onChange((current) => (errors.limit ? NO_FILTERS : clearedFilters(current)))}
        >
          Clear filters
        </button>
      </div>
      {errors.limit && <p className="field-error">{errors.limit}</p>}
    </form>
  );
}
