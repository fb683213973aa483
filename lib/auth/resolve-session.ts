import { prisma } from "../db/prisma";
import { sql } from "../db/sql";
import type { Principal } from "./principal";
import type { Role } from "./roles";
import { hashSecretToken } from "./secret-token";
import { SESSION_TOUCH_INTERVAL_MS, sessionPolicy } from "./session-policy";

export type SessionLookup =
  | { ok: true; principal: Principal }
  | { ok: false; reason: "unknown" | "expired" | "revoked" | "user_disabled" };

type SessionRow = {
  id: string;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userId: string;
  username: string;
  role: Role;
  disabledAt: Date | null;
};

/** Resolves a session cookie value, enforcing revocation, idle expiry and absolute expiry. */
export async function resolveSession(sessionToken: string): Promise<SessionLookup> {
  // Raw SQL: this runs on every browser request, and a model query costs a query compilation.
  const rows = await sql().$queryRaw<SessionRow[]>`
    SELECT s.id, s."lastSeenAt", s."expiresAt", s."revokedAt", u.id AS "userId", u.username,
           u.role::text AS role, u."disabledAt"
    FROM "Session" s JOIN "User" u ON u.id = s."userId"
    WHERE s."tokenHash" = ${hashSecretToken(sessionToken)}`;
  const session = rows[0];
  if (!session) return { ok: false, reason: "unknown" };
  if (session.revokedAt) return { ok: false, reason: "revoked" };
  if (session.disabledAt) return { ok: false, reason: "user_disabled" };
  const now = Date.now();
  const { idleMs } = sessionPolicy();
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleMs <= now) {
    return { ok: false, reason: "expired" };
  }
  if (now - session.lastSeenAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
    await sql()
      .$executeRaw`UPDATE "Session" SET "lastSeenAt" = ${new Date(now)} WHERE id = ${session.id}::uuid`;
  }
  return {
    ok: true,
    principal: {
      kind: "user",
      id: session.userId,
      name: session.username,
      role: session.role,
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
