"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../api/api-client";
import { engagedHalts, tradingStateQuery } from "../kill-switch/trading-state-query";

type Check = { status: "ok" | "fail"; latencyMs?: number; detail?: string };
type Readiness = { status: "ok" | "fail"; checks: Record<string, Check> };

async function fetchReadiness(): Promise<Readiness> {
  // /api/ready answers 503 with the same body when a dependency is down: read it either way.
  return apiFetch<Readiness>("/api/ready", { cache: "no-store", acceptStatuses: [503] });
}

function Indicator({ label, check }: { label: string; check: Check | undefined | "unknown" }) {
  const state = check === "unknown" || !check ? "unknown" : check.status;
  const text = state === "ok" ? "connected" : state === "fail" ? "down" : "unknown";
  const title = typeof check === "object" ? check.detail : undefined;
  return (
    <span className={`indicator indicator-${state}`} title={title}>
      <span className="dot" aria-hidden="true" />
      {label}: {text}
    </span>
  );
}

function KillSwitchIndicator() {
  const state = useQuery(tradingStateQuery);
  const halts = engagedHalts(state.data);
  const known = state.data !== undefined;
  const text = !known
    ? "unknown"
    : halts.length === 0
      ? "released"
      : halts.some((halt) => halt.scope === "global")
        ? "ENGAGED"
        : `halted ${halts.map((halt) => halt.scope).join(", ")}`;
  const level = !known ? "unknown" : halts.length === 0 ? "ok" : "fail";
  return (
    <span className={`indicator indicator-${level}`} data-testid="kill-switch-status">
      <span className="dot" aria-hidden="true" />
      Kill switch: {text}
    </span>
  );
}

export function StatusBar() {
  const readiness = useQuery({
    queryKey: ["ready"],
    queryFn: fetchReadiness,
    refetchInterval: 5_000,
    retry: false,
  });
  useQuery({ queryKey: ["me"], queryFn: () => apiFetch("/api/me"), refetchInterval: 60_000 });
  const server = readiness.isError ? { status: "fail" as const, detail: "server unreachable" } : undefined;
  const checks = readiness.data?.checks;
  return (
    <section className="status-bar" aria-label="System status">
      <Indicator label="Database" check={server ?? checks?.database ?? "unknown"} />
      <Indicator label="Venue" check={server ?? checks?.venue ?? "unknown"} />
      <KillSwitchIndicator />
    </section>
  );
}
