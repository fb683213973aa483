import type { RiskLimitsWire } from "@/lib/risk/limits/risk-limits-wire-schema";
import { apiFetch } from "../api/api-client";

export const RISK_LIMITS_KEY = ["risk-limits"] as const;

export const riskLimitsQuery = {
  queryKey: RISK_LIMITS_KEY,
  queryFn: () => apiFetch<{ limits: RiskLimitsWire }>("/api/risk-limits").then((answer) => answer.limits),
};
