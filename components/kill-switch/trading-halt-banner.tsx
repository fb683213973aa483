"use client";

import { useQuery } from "@tanstack/react-query";
import { describeHalt, engagedHalts, tradingStateQuery } from "./trading-state-query";
import { useKillSwitchEvents } from "./use-kill-switch-events";

const SOURCES: Record<string, string> = {
  manual: "manual",
  reconciliation_breach: "reconciliation breach",
  auth_failure: "venue auth failures",
  loss_limit: "daily loss limit",
  venue_unreachable: "venue unreachable",
};

/** A red banner on every page while trading is halted (global or per symbol), live from the events stream. */
export function TradingHaltBanner() {
  const state = useQuery(tradingStateQuery);
  const check = useKillSwitchEvents();
  const halts = engagedHalts(state.data);
  return (
    <div className="halt-banners">
      {halts.map((halt) => (
        <div key={halt.scope} className="halt-banner" role="alert" data-testid="halt-banner">
          <strong>{halt.scope === "global" ? "TRADING HALTED" : `${halt.scope} HALTED`}</strong>
          <span>{describeHalt(halt)}</span>
          <span className="halt-banner-meta">
            source {SOURCES[halt.source ?? ""] ?? halt.source ?? "unknown"} · by {halt.actor ?? "unknown"}
            {halt.changedAt ? ` · ${new Date(halt.changedAt).toLocaleString()}` : ""}
          </span>
          {check && (check.scope === halt.scope || halt.scope === "global") && (
            <span className="halt-banner-meta" data-testid="open-orders-check">
              {check.open === null
                ? "open-orders check at the venue failed"
                : check.open === 0
                  ? "venue confirms no open orders"
                  : `${check.open} orders still open at the venue`}
            </span>
          )}
        </div>
      ))}
    </div>
  );
}
