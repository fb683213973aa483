import { ApiError, type Problem } from "@/components/ui/problem";

export type KeyedResponse<T> = { status: number; replayed: boolean; body: T };

/** A problem answer to a keyed request, with the server's Retry-After when it gave one. */
export class KeyedRequestError extends ApiError {
  constructor(
    problem: Problem,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(problem);
  }
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/**
 * POSTs JSON with an Idempotency-Key. Resolves on 2xx with the replay flag; throws KeyedRequestError
 * on a problem answer, and lets fetch's TypeError through on a network failure (the server may or may
 * not have received the request: only a resend with the same key can tell).
 */
export async function sendKeyedRequest<T>(
  path: string,
  idempotencyKey: string,
  json: unknown | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<KeyedResponse<T>> {
  const response = await fetchImpl(path, {
    method: "POST",
    headers: {
      ...(json !== undefined ? { "content-type": "application/json" } : {}),
      "idempotency-key": idempotencyKey,
    },
    body: json !== undefined ? JSON.stringify(json) : undefined,
    credentials: "same-origin",
    cache: "no-store",
  });
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (response.ok) {
    return {
      status: response.status,
      replayed: response.headers.get("idempotent-replayed") === "true",
      body: data as T,
    };
  }
  const problem =
    data && typeof data === "object" && "code" in data
      ? (data as Problem)
      : {
          status: response.status,
          code: "http_error",
          detail: `Request failed with status ${response.status}`,
        };
  throw new KeyedRequestError(
    { ...problem, status: response.status },
    parseRetryAfter(response.headers.get("retry-after")),
  );
}
