"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import type { RiskLimitsInput, RiskLimitsWire } from "@/lib/risk/limits/risk-limits-wire-schema";
import { ApiError, apiFetch, type Problem } from "../api/api-client";
import { instrumentsQuery } from "../orders/shared/order-queries";
import { RISK_LIMITS_KEY, riskLimitsQuery } from "../risk/risk-limits-query";
import { Field } from "../ui/field";
import {
  buildRiskLimitsBody,
  fieldKey,
  LIMIT_FIELDS,
  type LimitField,
  type LimitRow,
  rowsFromWire,
} from "./risk-limits-form";

const LABELS: Record<LimitField, string> = {
  maxOrderQuantity: "Max order qty (base)",
  maxOrderNotional: "Max order notional (quote)",
  maxOpenOrders: "Max open orders",
  maxPosition: "Max position (base)",
  priceBandPercent: "Price band ± %",
};

/**
 * Pre-trade risk limits: the global row and per-symbol overrides (an empty field is no limit on the
 * global row and "as global" on a symbol). The risk role edits them; everyone else reads them.
 */
export function RiskLimitsPanel({ editable }: { editable: boolean }) {
  const queryClient = useQueryClient();
  const limits = useQuery(riskLimitsQuery);
  const instruments = useQuery(instrumentsQuery);
  const [rows, setRows] = useState<LimitRow[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [adding, setAdding] = useState("");
  const idPrefix = useId();

  useEffect(() => {
    if (limits.data && rows === null) setRows(rowsFromWire(limits.data));
  }, [limits.data, rows]);

  const save = useMutation({
    mutationFn: (body: RiskLimitsInput) =>
      apiFetch<{ limits: RiskLimitsWire }>("/api/risk-limits", { method: "PUT", json: body }),
    onSuccess: (answer) => {
      queryClient.setQueryData(RISK_LIMITS_KEY, answer.limits);
      setRows(rowsFromWire(answer.limits));
      setSaved(true);
    },
    onError: (caught) => {
      if (!(caught instanceof ApiError)) {
        setProblem({ status: 0, code: "network_error", detail: String(caught) });
        return;
      }
      setProblem(caught.problem);
      setErrors(
        Object.fromEntries((caught.problem.errors ?? []).map((error) => [error.field, error.message])),
      );
    },
  });

  const current = rows ?? [];
  const listed = new Set(current.map((row) => row.symbol));
  const addable = (instruments.data?.instruments ?? []).filter(
    (instrument) => !listed.has(instrument.symbol),
  );

  function edit(row: LimitRow, field: LimitField, text: string) {
    const next = current.map((candidate) =>
      candidate === row ? { ...candidate, values: { ...candidate.values, [field]: text } } : candidate,
    );
    setRows(next);
    setSaved(false);
    setProblem(null);
    // validate as the operator types, but only report the fields that were already wrong or just edited
    const checked = buildRiskLimitsBody(next).errors;
    const key = fieldKey(next, next[current.indexOf(row)] as LimitRow, field);
    setErrors((previous) =>
      Object.fromEntries(
        Object.keys({ ...previous, [key]: "" }).flatMap((k) => (checked[k] ? [[k, checked[k]]] : [])),
      ),
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(null);
    const { body, errors: found } = buildRiskLimitsBody(current);
    setErrors(found);
    if (!body) return;
    save.mutate(body);
  }

  const cell = (row: LimitRow, field: LimitField) => {
    const key = fieldKey(current, row, field);
    const id = `${idPrefix}-${key}`;
    const error = errors[key];
    const scope = row.symbol ?? "global";
    if (!editable)
      return (
        <td key={field}>
          {row.values[field] || <span className="muted">{row.symbol ? "global" : "none"}</span>}
        </td>
      );
    return (
      <td key={field}>
        <input
          id={id}
          className="limit-input"
          inputMode={field === "maxOpenOrders" ? "numeric" : "decimal"}
          autoComplete="off"
          aria-label={`${LABELS[field]}, ${scope}`}
          placeholder={row.symbol ? "global" : "none"}
          value={row.values[field]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => edit(row, field, event.target.value)}
        />
        {error && (
          <span id={`${id}-error`} className="field-error">
            {error}
          </span>
        )}
      </td>
    );
  };

  return (
    <section className="panel" aria-labelledby={`${idPrefix}-title`}>
      <h2 id={`${idPrefix}-title`}>Risk limits</h2>
      <p className="muted">
        Checked before every order is stored or sent. Empty: no limit (global) or the global value (symbol).
        {!editable && " Only the risk role can change them."}
      </p>
      {limits.isError && (
        <p role="alert" className="form-error">
          The limits could not be loaded.
        </p>
      )}
      <form onSubmit={onSubmit} noValidate aria-label="Risk limits">
        <div className="table-scroll">
          <table className="table risk-limits-table">
            <thead>
              <tr>
                <th>Scope</th>
                {LIMIT_FIELDS.map((field) => (
                  <th key={field}>{LABELS[field]}</th>
                ))}
                {editable && (
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {current.map((row) => (
                <tr key={row.symbol ?? "global"}>
                  <th scope="row">{row.symbol ?? "Global"}</th>
                  {LIMIT_FIELDS.map((field) => cell(row, field))}
                  {editable && (
                    <td>
                      {row.symbol && (
                        <button
                          type="button"
                          className="button small"
                          onClick={() => {
                            setRows(current.filter((candidate) => candidate !== row));
                            setErrors({});
                            setSaved(false);
                          }}
                        >
                          Remove {row.symbol}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editable && (
          <div className="inline-form">
            <Field id={`${idPrefix}-add`} label="Override for" error={undefined}>
              <select
                id={`${idPrefix}-add`}
                value={adding}
                onChange={(event) => setAdding(event.target.value)}
              >
                <option value="">choose a symbol</option>
                {addable.map((instrument) => (
                  <option key={instrument.symbol} value={instrument.symbol}>
                    {instrument.symbol}
                  </option>
                ))}
              </select>
            </Field>
            <button
              type="button"
              className="button"
              disabled={!adding}
              onClick={() => {
                setRows([...current, { symbol: adding, values: { ...EMPTY_VALUES } }]);
                setAdding("");
                setSaved(false);
              }}
            >
              Add override
            </button>
            <button type="submit" className="button primary" disabled={save.isPending || rows === null}>
              Save limits
            </button>
          </div>
        )}
        {limits.data && (
          <p className="muted">
            Last changed by {limits.data.updatedBy ?? "unknown"} at{" "}
            {new Date(limits.data.updatedAt).toLocaleString()}
          </p>
        )}
        <div role="status">{saved && "Limits saved: new orders are checked against them now."}</div>
        <div role="alert" className="form-error">
          {problem && (
            <>
              {problem.detail} <code>{problem.code}</code>
              {problem.requestId && (
                <>
                  {" "}
                  (request id <code>{problem.requestId}</code>)
                </>
              )}
            </>
          )}
        </div>
      </form>
    </section>
  );
}

const EMPTY_VALUES: Record<LimitField, string> = {
  maxOrderQuantity: "",
  maxOrderNotional: "",
  maxOpenOrders: "",
  maxPosition: "",
  priceBandPercent: "",
};
