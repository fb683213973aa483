"use client";

import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import type { OrderSide, OrderType, TimeInForce } from "@/lib/orders/order-wire-schema";
import { describeHalt, haltFor, tradingStateQuery } from "../../kill-switch/trading-state-query";
import { useLiveMidStore } from "../../orderbook/live-mid-store";
import { riskLimitsQuery } from "../../risk/risk-limits-query";
import { Field } from "../../ui/field";
import { instrumentsQuery } from "../shared/order-queries";
import { splitFieldErrors } from "./ticket-field-errors";
import { TicketOutcomeMessage } from "./ticket-outcome-message";
import { TicketRiskLimits } from "./ticket-risk-limits";
import { type TicketField, type TicketValues, validateTicket } from "./ticket-validation";
import { usePickedPrice } from "./use-picked-price";
import { usePlaceOrder } from "./use-place-order";

const EMPTY_TICKET: TicketValues = {
  symbol: "",
  side: "buy",
  type: "limit",
  quantity: "",
  price: "",
  timeInForce: "GTC",
};

const FIELD_ORDER: readonly TicketField[] = ["symbol", "side", "type", "quantity", "price", "timeInForce"];

/** Order entry: validates against the instrument's filters as the operator types, then places the order once. */
export function OrderTicket() {
  const instruments = useQuery(instrumentsQuery);
  const list = instruments.data?.instruments ?? [];
  const placeOrder = usePlaceOrder();
  const tradingState = useQuery(tradingStateQuery);
  const [values, setValues] = useState<TicketValues>(EMPTY_TICKET);
  const [touched, setTouched] = useState<ReadonlySet<TicketField>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const valuesRef = useRef(values);
  const formRef = useRef<HTMLFormElement>(null);
  const idPrefix = useId();
  const id = (field: TicketField) => `${idPrefix}-${field}`;

  useEffect(() => {
    valuesRef.current = values;
  }, [values]);

  const firstSymbol = list[0]?.symbol;
  useEffect(() => {
    if (firstSymbol && !valuesRef.current.symbol)
      setValues((current) => ({ ...current, symbol: firstSymbol }));
  }, [firstSymbol]);

  const instrument = list.find((candidate) => candidate.symbol === values.symbol);
  const halt = haltFor(tradingState.data, values.symbol);
  const riskLimits = useQuery(riskLimitsQuery).data;
  const liveMid = useLiveMidStore((state) => (state.symbol === values.symbol ? state.mid : null));
  const validation = useMemo(
    () => validateTicket(values, instrument, riskLimits ? { limits: riskLimits, mid: liveMid } : undefined),
    [values, instrument, riskLimits, liveMid],
  );
  const problem = placeOrder.outcome?.kind === "problem" ? placeOrder.outcome.problem : null;
  const serverErrors = splitFieldErrors(problem);

  function change(patch: Partial<TicketValues>) {
    const current = valuesRef.current;
    const changed = (Object.keys(patch) as TicketField[]).filter((field) => patch[field] !== current[field]);
    if (changed.length === 0) return;
    const next = { ...current, ...patch };
    valuesRef.current = next;
    setValues(next);
    setTouched((previous) => new Set([...previous, ...changed]));
    placeOrder.edited();
    if (problem) placeOrder.clearOutcome();
  }

  usePickedPrice((price, symbol) => {
    const known = symbol !== null && list.some((candidate) => candidate.symbol === symbol);
    change({ price, type: "limit", ...(known ? { symbol } : {}) });
    // On a narrow screen the ticket sits below the book: bring it into view, else the pick goes unseen.
    formRef.current?.scrollIntoView({ block: "nearest" });
  });

  function errorFor(field: TicketField): string | undefined {
    const local = attempted || touched.has(field) ? validation.errors[field] : undefined;
    return local ?? serverErrors.byField[field];
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (placeOrder.busy || placeOrder.held || halt) return;
    setAttempted(true);
    if (!validation.body) {
      const first = FIELD_ORDER.find((field) => validation.errors[field]);
      if (first) formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(id(first))}`)?.focus();
      return;
    }
    placeOrder.submit(validation.body);
  }

  function reset() {
    const symbol = valuesRef.current.symbol;
    valuesRef.current = { ...EMPTY_TICKET, symbol };
    setValues(valuesRef.current);
    setTouched(new Set());
    setAttempted(false);
    placeOrder.reset();
  }

  const control = (field: TicketField) => {
    const error = errorFor(field);
    return {
      id: id(field),
      name: field,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": `${id(field)}-error`,
    } as const;
  };
  const quoteAsset = values.symbol.split("/")[1] ?? "";
  const isLimit = values.type === "limit";

  return (
    <section className="panel order-ticket" aria-labelledby={`${idPrefix}-title`}>
      <h2 id={`${idPrefix}-title`}>Order ticket</h2>
      <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby={`${idPrefix}-title`}>
        <div className="ticket-grid">
          <Field id={id("symbol")} label="Symbol" error={errorFor("symbol")}>
            <select
              {...control("symbol")}
              value={values.symbol}
              onChange={(event) => change({ symbol: event.target.value })}
            >
              {list.length === 0 && (
                <option value="">{instruments.isError ? "unavailable" : "loading…"}</option>
              )}
              {list.map((candidate) => (
                <option key={candidate.symbol} value={candidate.symbol}>
                  {candidate.symbol}
                </option>
              ))}
            </select>
          </Field>
          <Field id={id("side")} label="Side" error={errorFor("side")}>
            <select
              {...control("side")}
              value={values.side}
              onChange={(event) => change({ side: event.target.value as OrderSide })}
            >
              <option value="buy">Buy</option>
              <option value="sell">Sell</option>
            </select>
          </Field>
          <Field id={id("type")} label="Type" error={errorFor("type")}>
            <select
              {...control("type")}
              value={values.type}
              onChange={(event) => change({ type: event.target.value as OrderType })}
            >
              <option value="limit">Limit</option>
              <option value="market">Market</option>
            </select>
          </Field>
          <Field id={id("quantity")} label="Quantity" error={errorFor("quantity")}>
            <input
              {...control("quantity")}
              inputMode="decimal"
              autoComplete="off"
              placeholder={instrument ? `step ${instrument.lotSize}` : undefined}
              value={values.quantity}
              onChange={(event) => change({ quantity: event.target.value })}
            />
          </Field>
          {isLimit && (
            <Field id={id("price")} label="Price" error={errorFor("price")}>
              <input
                {...control("price")}
                inputMode="decimal"
                autoComplete="off"
                placeholder={instrument ? `tick ${instrument.tickSize}` : undefined}
                value={values.price}
                onChange={(event) => change({ price: event.target.value })}
              />
            </Field>
          )}
          {isLimit && (
            <Field id={id("timeInForce")} label="Time in force" error={errorFor("timeInForce")}>
              <select
                {...control("timeInForce")}
                value={values.timeInForce}
                onChange={(event) => change({ timeInForce: event.target.value as TimeInForce })}
              >
                <option value="GTC">GTC (good till canceled)</option>
                <option value="IOC">IOC (immediate or cancel)</option>
                <option value="FOK">FOK (fill or kill)</option>
              </select>
            </Field>
          )}
        </div>
        <p className="ticket-notional">
          <span className="muted">Notional </span>
          <output aria-live="polite" aria-label="Notional" data-testid="ticket-notional">
            {isLimit
              ? validation.notional
                ? `${validation.notional.toFixed()} ${quoteAsset}`
                : "—"
              : "at market price"}
          </output>
          {instrument && <span className="muted"> (minimum {instrument.minNotional})</span>}
        </p>
        {validation.risk && (
          <TicketRiskLimits
            risk={validation.risk}
            baseAsset={values.symbol.split("/")[0] ?? ""}
            quoteAsset={quoteAsset}
          />
        )}
        <div className="ticket-actions">
          <button
            type="submit"
            className={`button primary ${values.side === "sell" ? "sell" : "buy"}${halt ? " halted" : ""}`}
            disabled={placeOrder.busy || placeOrder.held || halt !== null}
            aria-busy={placeOrder.busy}
          >
            Place order
          </button>
          <button type="button" className="button" onClick={reset} disabled={placeOrder.busy}>
            New order
          </button>
        </div>
        {halt && (
          <p className="form-error" role="alert" data-testid="ticket-halted">
            {describeHalt(halt)}. Orders are refused until it is released.
          </p>
        )}
        <TicketOutcomeMessage
          outcome={placeOrder.outcome}
          busy={placeOrder.busy}
          held={placeOrder.held}
          retries={placeOrder.retries}
          unmappedErrors={serverErrors.unmapped}
        />
      </form>
    </section>
  );
}
