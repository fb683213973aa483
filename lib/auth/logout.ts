import { recordAudit } from "../audit/record-audit";
import { resolveSession, revokeSession } from "./resolve-session";

/** Revokes the session behind a cookie value, if it is still live. */
export async function logout({
  sessionToken,
  ip,
  requestId,
}: {
  sessionToken: string;
  ip: string;
  requestId: string;
}) {
  const lookup = await resolveSession(sessionToken);
  if (!lookup.ok || lookup.principal.kind !== "user") return;
  await revokeSession(lookup.principal.sessionId);
  await recordAudit({ actor: lookup.principal, action: "auth.logout", outcome: "success", ip, requestId });
}
