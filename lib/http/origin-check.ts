import { DomainError } from "../errors/domain-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * CSRF defence for cookie-authenticated requests: a state-changing request must carry an Origin equal
 * to the host it was sent to (or one listed in TALLY_ALLOWED_ORIGINS). `requireOrigin` is false only
 * where no cookie is involved yet (sign-in), and then a present-but-foreign Origin is still refused.
 */
export function assertSameOrigin(
  request: Request,
  { allowed, requireOrigin }: { allowed: string[]; requireOrigin: boolean },
) {
  const origin = request.headers.get("origin");
  if (!origin) {
    if (!requireOrigin) return;
    throw new DomainError({
      kind: "forbidden",
      code: "origin_check_failed",
      detail: "Missing Origin header",
    });
  }
  if (allowed.includes(origin)) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  if (!host || originHost !== host) {
    throw new DomainError({
      kind: "forbidden",
      code: "origin_check_failed",
      detail: "Cross-origin request refused",
    });
  }
}
