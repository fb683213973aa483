/** What went wrong, in terms the HTTP layer maps to a status. Domain code never speaks HTTP. */
export type ErrorKind =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "unprocessable"
  | "locked"
  | "rate_limited"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unavailable";

type DomainErrorOptions = {
  kind: ErrorKind;
  /** Stable, machine-readable code (snake_case); clients branch on it. */
  code: string;
  /** Human-readable explanation, safe to show to the caller. */
  detail: string;
  /** Extra members for the problem body, e.g. per-field `errors`. */
  extra?: Record<string, unknown>;
  retryAfterSeconds?: number;
};

export class DomainError extends Error {
  override name = "DomainError";
  readonly kind: ErrorKind;
  readonly code: string;
  readonly detail: string;
  readonly extra?: Record<string, unknown>;
  readonly retryAfterSeconds?: number;

  constructor(options: DomainErrorOptions) {
    super(options.detail);
    this.kind = options.kind;
    this.code = options.code;
    this.detail = options.detail;
    this.extra = options.extra;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
