import { recordAudit } from "../audit/record-audit";
import type { Principal } from "./principal";
import { revokeSession } from "./resolve-session";

/** Ends a browser session server-side. A bot token is not a session: revoke tokens on the Admin page. */
export async function logout({
  principal,
  ip,
  requestId,
}: {
  principal: Principal;
  ip: string;
  requestId: string;
}) {
  if (principal.kind !== "user") return;
  await revokeSession(principal.sessionId);
  await recordAudit({ actor: principal, action: "auth.logout", outcome: "success", ip, requestId });
}
