import { prisma } from "../db/prisma";
import type { Principal } from "./principal";
import { hashSecretToken } from "./secret-token";
import { SESSION_TOUCH_INTERVAL_MS, sessionPolicy } from "./session-policy";

export type SessionLookup =
  | { ok: true; principal: Principal }
  | { ok: false; reason: "unknown" | "expired" | "revoked" | "user_disabled" };

/** Resolves a session cookie value, enforcing revocation, idle expiry and absolute expiry. */
export async function resolveSession(sessionToken: string): Promise<SessionLookup> {
  const session = await prisma().session.findUnique({
    where: { tokenHash: hashSecretToken(sessionToken) },
    include: { user: true },
  });
  if (!session) return { ok: false, reason: "unknown" };
  if (session.revokedAt) return { ok: false, reason: "revoked" };
  if (session.user.disabledAt) return { ok: false, reason: "user_disabled" };
  const now = Date.now();
  const { idleMs } = sessionPolicy();
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleMs <= now) {
    return { ok: false, reason: "expired" };
  }
  if (now - session.lastSeenAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
    await prisma().session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  }
  return {
    ok: true,
    principal: {
      kind: "user",
      id: session.user.id,
      name: session.user.username,
      role: session.user.role,
      sessionId: session.id,
    },
  };
}

export async function revokeSession(sessionId: string): Promise<void> {
  await prisma().session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}
