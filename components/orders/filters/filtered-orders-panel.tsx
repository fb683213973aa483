"use client";

import { useId, useMemo } from "react";
import { EventStreamIndicator } from "../shared/event-stream-indicator";
import { useOrderEvents } from "../shared/use-order-events";
import { OrderFilterBar } from "./order-filter-bar";
import { OrderListResults } from "./order-list-results";
import { useFilteredOrders } from "./use-filtered-orders";
import { useOrderListFilters } from "./use-order-list-filters";
import { validateOrderListFilters } from "./validate-order-list-filters";

/** A list of many pages refetches every page on each refresh: at most one refresh a second. */
const MIN_REFRESH_INTERVAL_MS = 1_000;

/** The Orders page: every order, filtered through the URL, loaded page by page and kept live. */
export function FilteredOrdersPanel({ canTrade }: { canTrade: boolean }) {
  const stream = useOrderEvents({ minRefreshIntervalMs: MIN_REFRESH_INTERVAL_MS });
  const { filters, updateFilters } = useOrderListFilters();
  const validation = useMemo(() => validateOrderListFilters(filters), [filters]);
  const list = useFilteredOrders(validation.ok ? validation.query : null);
  const titleId = useId();

  return (
    <section className="panel stack" aria-labelledby={titleId}>
      <header className="blotter-header">
        <h2 id={titleId}>Order history</h2>
        <EventStreamIndicator state={stream} />
      </header>
      <OrderFilterBar
        filters={filters}
        errors={validation.ok ? {} : validation.errors}
        onChange={updateFilters}
      />
      <OrderListResults
        list={list}
        filterMessages={validation.ok ? [] : Object.values(validation.errors).filter((m) => m !== undefined)}
        canTrade={canTrade}
      />
    </section>
  );
}
