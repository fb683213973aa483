"use client";

import { useId } from "react";
import { DateTimeFilter } from "../orders/filters/date-time-filter";
import { Field } from "../ui/field";
import { type AuditFilters, hasActiveAuditFilters, NO_AUDIT_FILTERS } from "./audit-filters";

const TEXT_FILTERS = [
  { name: "actor", label: "Actor", placeholder: "name or id" },
  { name: "action", label: "Action", placeholder: "e.g. order or auth.login" },
  { name: "target", label: "Target", placeholder: "id or prefix, e.g. user:" },
] as const;

/** Actor, action, target and time range of the Audit page; every change goes straight to the URL. */
export function AuditFilterBar({
  filters,
  onChange,
}: {
  filters: AuditFilters;
  onChange: (change: (current: AuditFilters) => AuditFilters) => void;
}) {
  const idPrefix = useId();
  const set = (patch: Partial<AuditFilters>) => onChange((current) => ({ ...current, ...patch }));
  return (
    <form className="order-filters" aria-label="Audit filters" onSubmit={(event) => event.preventDefault()}>
      <div className="order-filters-row">
        {TEXT_FILTERS.map(({ name, label, placeholder }) => (
          <Field key={name} id={`${idPrefix}-${name}`} label={label} error={undefined}>
            <input
              id={`${idPrefix}-${name}`}
              type="search"
              value={filters[name]}
              placeholder={placeholder}
              onChange={(event) => set({ [name]: event.target.value })}
            />
          </Field>
        ))}
        <DateTimeFilter
          id={`${idPrefix}-from`}
          label="From"
          iso={filters.from}
          error={undefined}
          onChange={(from) => set({ from })}
        />
        <DateTimeFilter
          id={`${idPrefix}-to`}
          label="To"
          iso={filters.to}
          error={undefined}
          onChange={(to) => set({ to })}
        />
        <button
          type="button"
          className="button"
          disabled={!hasActiveAuditFilters(filters)}
          onClick={() => onChange(() => NO_AUDIT_FILTERS)}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
