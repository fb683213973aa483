import { recordAudit } from "../audit/record-audit";
import { DomainError } from "../errors/domain-error";
import { resolveApiToken } from "./api-tokens";
import type { Principal } from "./principal";
import { resolveSession } from "./resolve-session";

export type Authentication = { principal: Principal; via: "cookie" | "token" };

const unauthenticated = (code: string, detail: string) =>
  new DomainError({ kind: "unauthenticated", code, detail });

const tokenRefused = {
  revoked: () => unauthenticated("token_revoked", "This API token has been revoked"),
  owner_disabled: () => unauthenticated("token_owner_disabled", "The owner of this API token is disabled"),
  unknown: () => unauthenticated("invalid_token", "Unknown API token"),
  expired: () => unauthenticated("token_expired", "This API token has expired"),
  address_not_allowed: () =>
    unauthenticated("token_address_not_allowed", "This API token may not be used from your address"),
};

/** A request's credentials as the HTTP layer read them: the Authorization header and the session cookie. */
export interface Credentials {
  authorization: string | null;
  sessionToken: string | undefined;
  /** The client address (x-tally-client-ip), checked against a token's allowed ranges. */
  ip: string;
  requestId?: string;
  userAgent?: string;
}

/** Bearer token for bots, session cookie for browsers; anything else is unauthenticated. */
export async function authenticateRequest(credentials: Credentials): Promise<Authentication> {
  const { authorization, sessionToken } = credentials;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated("invalid_token", "Authorization must be 'Bearer <token>'");
    const lookup = await resolveApiToken(match[1]!, credentials.ip);
    if (!lookup.ok) {
      if ("principal" in lookup) {
        await recordAudit({
          actor: lookup.principal,
          action: "auth.token",
          outcome: "denied",
          target: `token:${lookup.principal.id}`,
          ip: credentials.ip,
          requestId: credentials.requestId,
          userAgent: credentials.userAgent,
          details: { reason: lookup.reason },
        });
      }
      throw tokenRefused[lookup.reason]();
    }
    return { principal: lookup.principal, via: "token" };
  }
  if (!sessionToken) throw unauthenticated("not_authenticated", "Sign in or send an API token");
  const lookup = await resolveSession(sessionToken);
  if (!lookup.ok) {
    throw lookup.reason === "expired"
      ? unauthenticated("session_expired", "Your session has expired; sign in again")
      : unauthenticated("not_authenticated", "Your session is no longer valid; sign in again");
  }
  return { principal: lookup.principal, via: "cookie" };
}
