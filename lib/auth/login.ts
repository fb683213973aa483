import { recordAudit } from "../audit/record-audit";
import { prisma } from "../db/prisma";
import { DomainError } from "../errors/domain-error";
import { assertLoginNotThrottled, recordLoginAttempt } from "./login-throttle";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import type { Role } from "./roles";
import { hashSecretToken, newSecretToken } from "./secret-token";
import { sessionPolicy } from "./session-policy";

type LoginOptions = {
  username: string;
  password: string;
  ip: string;
  userAgent?: string;
  requestId?: string;
};

export type LoginResult = {
  sessionToken: string;
  expiresAt: Date;
  user: { id: string; username: string; role: Role };
};

const badCredentials = () =>
  new DomainError({
    kind: "unauthenticated",
    code: "invalid_credentials",
    detail: "Wrong username or password",
  });

/** Checks a username and password and opens a server-side session. Every failure is throttled and audited. */
export async function login({
  username,
  password,
  ip,
  userAgent,
  requestId,
}: LoginOptions): Promise<LoginResult> {
  try {
    await assertLoginNotThrottled({ username, ip });
  } catch (error) {
    await recordAudit({
      actor: { kind: "anonymous" },
      action: "auth.login",
      outcome: "denied",
      ip,
      userAgent,
      requestId,
      details: { reason: "throttled", username },
    });
    throw error;
  }
  const user = await prisma().user.findUnique({ where: { username } });
  let passwordOk = false;
  if (user) passwordOk = await verifyPassword(user.passwordHash, password);
  else await burnPasswordCheck(password);

  if (!user || !passwordOk || user.disabledAt) {
    const reason = !user ? "unknown_user" : !passwordOk ? "wrong_password" : "user_disabled";
    await recordLoginAttempt({ username, ip, success: false });
    await recordAudit({
      // Nobody is authenticated yet: the name tried is what the request claims, so it is a detail.
      actor: { kind: "anonymous" },
      action: "auth.login",
      outcome: "failure",
      target: user ? `user:${user.id}` : undefined,
      ip,
      userAgent,
      requestId,
      details: { reason, username },
    });
    // A disabled account is told apart only after the right password, so it cannot be probed.
    if (user && passwordOk && user.disabledAt) {
      throw new DomainError({ kind: "forbidden", code: "user_disabled", detail: "This account is disabled" });
    }
    throw badCredentials();
  }

  const sessionToken = newSecretToken("");
  const expiresAt = new Date(Date.now() + sessionPolicy().absoluteMs);
  const session = await prisma().session.create({
    data: {
      tokenHash: hashSecretToken(sessionToken),
      userId: user.id,
      expiresAt,
      ip,
      userAgent: userAgent?.slice(0, 300),
    },
  });
  await recordLoginAttempt({ username, ip, success: true });
  await recordAudit({
    actor: { kind: "user", id: user.id, name: user.username, role: user.role, sessionId: session.id },
    action: "auth.login",
    outcome: "success",
    target: `user:${user.id}`,
    ip,
    userAgent,
    requestId,
  });
  return { sessionToken, expiresAt, user: { id: user.id, username: user.username, role: user.role } };
}
