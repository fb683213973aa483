import type { IdempotentResult } from "./run-idempotently";

/** The HTTP response for a stored outcome: the exact stored bytes, marked when replayed. */
export function toIdempotentResponse(result: IdempotentResult): Response {
  const { status, body } = result.response;
  const headers: Record<string, string> = {
    "content-type": status >= 400 ? "application/problem+json" : "application/json",
    "cache-control": "no-store",
  };
  if (result.replayed) headers["idempotent-replayed"] = "true";
  return new Response(body, { status, headers });
}
