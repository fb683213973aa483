import { createHash } from "node:crypto";

export interface DeriveClientOrderIdOptions {
  /** Namespace of the idempotency key, e.g. the caller (user or token id). */
  scope: string;
  /** The idempotency key. */
  key: string;
  /** Leg index or name for batch orders sharing one key. */
  leg?: string | number;
}

export const CLIENT_ORDER_ID_PREFIX = "tly-";
export const CLIENT_ORDER_ID_PATTERN = /^[a-zA-Z0-9-_]{1,36}$/;

/**
 * Deterministic venue client order id: "tly-" + 32 base64url chars of SHA-256 (192 bits), 36 chars.
 * The same idempotency record always yields the same id, so a resend hits the venue's duplicate check.
 */
export function deriveClientOrderId(options: DeriveClientOrderIdOptions): string {
  const leg = options.leg === undefined ? "" : String(options.leg);
  // Length-prefixed fields so ("a:b","c") and ("a","b:c") never collide.
  const material = [options.scope, options.key, leg].map((part) => `${part.length}:${part}`).join("|");
  const digest = createHash("sha256").update(`tally-client-order-id/v1|${material}`).digest("base64url");
  return `${CLIENT_ORDER_ID_PREFIX}${digest.slice(0, 32)}`;
}

export function isTallyClientOrderId(id: string): boolean {
  return id.startsWith(CLIENT_ORDER_ID_PREFIX) && CLIENT_ORDER_ID_PATTERN.test(id);
}
