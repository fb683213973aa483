import type { DomainError, ErrorKind } from "../errors/domain-error";

const statusByKind: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  locked: 423,
  rate_limited: 429,
  unavailable: 503,
};

const titleByStatus: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  423: "Locked",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

type ProblemOptions = {
  status: number;
  code: string;
  detail: string;
  requestId?: string;
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
};

/** The RFC 9457 body (as an object) that problemResponse sends. */
export function problemBody({
  status,
  code,
  detail,
  requestId,
  extra,
}: Omit<ProblemOptions, "headers">): Record<string, unknown> {
  return {
    type: `about:blank#${code}`,
    title: titleByStatus[status] ?? "Error",
    status,
    code,
    detail,
    ...(requestId ? { requestId } : {}),
    ...extra,
  };
}

/** An RFC 9457 problem+json response with a stable `code` member. */
export function problemResponse({
  status,
  code,
  detail,
  requestId,
  extra,
  headers,
}: ProblemOptions): Response {
  const body = problemBody({ status, code, detail, requestId, extra });
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
  });
}

export function problemFromDomainError(error: DomainError, requestId?: string): Response {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined)
    headers["retry-after"] = String(Math.max(1, error.retryAfterSeconds));
  return problemResponse({
    status: statusByKind[error.kind],
    code: error.code,
    detail: error.detail,
    requestId,
    extra: error.extra,
    headers,
  });
}
