import type { IdempotentResult } from "../idempotency/run-idempotently";
import { presentOutcome } from "./present-outcome";

/** The HTTP response for an idempotent request's outcome, marked when it is a replay. */
export function idempotentResponse(result: IdempotentResult): Response {
  const { status, body } = presentOutcome(result.outcome);
  const headers: Record<string, string> = {
    "content-type": status >= 400 ? "application/problem+json" : "application/json",
    "cache-control": "no-store",
  };
  if (result.replayed) headers["idempotent-replayed"] = "true";
  return new Response(body, { status, headers });
}
