import type { Role } from "./roles";

/**
 * Who is making a request: an operator with a browser session, a bot with an API token, or a webhook
 * source whose signed intent the worker carries out.
 */
export type Principal =
  | { kind: "user"; id: string; name: string; role: Role; sessionId: string }
  | { kind: "token"; id: string; name: string; role: Role; createdById: string }
  | { kind: "webhook"; id: string; name: string; role: Role; createdById: string };

/** The key space of per-caller state such as idempotency keys: the same key from two callers is two keys. */
export function principalScope(principal: Principal): string {
  return `${principal.kind}:${principal.id}`;
}
