import { DomainError } from "../errors/domain-error";

/** 1 to 255 printable ASCII characters (space through tilde), as the IETF draft recommends. */
const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

/** Validates the Idempotency-Key header value; bad_request idempotency_key_missing / idempotency_key_invalid. */
export function parseIdempotencyKey(options: { header: string | null }): string {
  const { header } = options;
  if (header === null || header === "") {
    throw new DomainError({
      kind: "bad_request",
      code: "idempotency_key_missing",
      detail: "This request needs an Idempotency-Key header (1 to 255 printable ASCII characters)",
    });
  }
  if (!KEY_PATTERN.test(header)) {
    throw new DomainError({
      kind: "bad_request",
      code: "idempotency_key_invalid",
      detail: "The Idempotency-Key must be 1 to 255 printable ASCII characters",
    });
  }
  return header;
}
