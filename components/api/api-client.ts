/** An RFC 9457 problem as the API returns it. */
export type Problem = {
  status: number;
  code: string;
  detail: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
};

/** A problem answer, with the server's Retry-After (in seconds) when it gave one. */
export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail);
  }
}

export type KeyedResponse<T> = { status: number; replayed: boolean; body: T };

type ApiInit = RequestInit & {
  json?: unknown;
  /** Non-2xx statuses whose body is the answer rather than a problem (/api/ready's 503). */
  acceptStatuses?: readonly number[];
};

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function parseLenient(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function problemOf(response: Response, text: string): ApiError {
  const data = parseLenient(text);
  const problem =
    data && typeof data === "object" && "code" in data
      ? (data as Problem)
      : {
          status: response.status,
          code: "http_error",
          detail: `Request failed with status ${response.status}`,
        };
  return new ApiError(
    { ...problem, status: response.status },
    parseRetryAfter(response.headers.get("retry-after")),
  );
}

/** The one fetch of the dashboard's API: same-origin credentials, JSON bodies, problems as ApiError. */
async function request(
  path: string,
  init: ApiInit,
  fetchImpl: typeof fetch,
): Promise<{ response: Response; text: string }> {
  const { json, acceptStatuses, ...rest } = init;
  const response = await fetchImpl(path, {
    ...rest,
    headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
    credentials: "same-origin",
  });
  const text = await response.text();
  if (!response.ok && !acceptStatuses?.includes(response.status)) throw problemOf(response, text);
  return { response, text };
}

/** fetch + JSON: resolves with the body (undefined when empty), throws ApiError on a problem answer. */
export async function apiFetch<T>(path: string, init: ApiInit = {}): Promise<T> {
  const { text } = await request(path, init, fetch);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * POSTs JSON with an Idempotency-Key. Resolves on 2xx with the replay flag; throws ApiError on a
 * problem answer, and lets fetch's TypeError through on a network failure (the server may or may not
 * have received the request: only a resend with the same key can tell).
 */
export async function sendKeyedRequest<T>(
  path: string,
  idempotencyKey: string,
  json: unknown | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<KeyedResponse<T>> {
  const { response, text } = await request(
    path,
    { method: "POST", json, headers: { "idempotency-key": idempotencyKey }, cache: "no-store" },
    fetchImpl,
  );
  return {
    status: response.status,
    replayed: response.headers.get("idempotent-replayed") === "true",
    body: parseLenient(text) as T,
  };
}
