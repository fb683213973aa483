import { prisma } from "../db/prisma";
import { env } from "../env";
import { DomainError } from "../errors/domain-error";

const WINDOW_MS = 60_000;

type Scope = { username?: string; ip?: string };

/**
 * Refuses a login attempt when, within the last minute, this username from this address, this
 * username from anywhere, or this address for any username has failed too often. The per-address
 * ceiling is far above the per-account ones (OWASP Authentication Cheat Sheet), so one person
 * mistyping a password on a shared desk address does not lock everyone else out.
 * Counted in PostgreSQL, so the limits hold across app instances.
 */
export async function assertLoginNotThrottled({
  username,
  ip,
}: {
  username: string;
  ip: string;
}): Promise<void> {
  const config = env();
  const since = new Date(Date.now() - WINDOW_MS);
  const limits: [Scope, number][] = [
    [{ username, ip }, config.LOGIN_MAX_FAILURES_PER_MINUTE],
    [{ username }, config.LOGIN_MAX_FAILURES_PER_USERNAME_PER_MINUTE],
    [{ ip }, config.LOGIN_MAX_FAILURES_PER_IP_PER_MINUTE],
  ];
  const recent = await Promise.all(
    limits.map(([scope, limit]) =>
      prisma().loginAttempt.findMany({
        where: { ...scope, success: false, createdAt: { gt: since } },
        orderBy: { createdAt: "desc" },
        take: limit,
        select: { createdAt: true },
      }),
    ),
  );
  const blocking = recent.filter((rows, i) => rows.length >= limits[i]![1]);
  if (blocking.length === 0) return;
  // A window reopens when the oldest of its last `limit` failures leaves it.
  const reopensAt = Math.max(
    ...blocking.map((rows) => rows[rows.length - 1]!.createdAt.getTime() + WINDOW_MS),
  );
  throw new DomainError({
    kind: "rate_limited",
    code: "login_throttled",
    detail: "Too many failed sign-in attempts. Wait and try again.",
    retryAfterSeconds: Math.ceil((reopensAt - Date.now()) / 1000),
  });
}

export async function recordLoginAttempt(attempt: {
  username: string;
  ip: string;
  success: boolean;
}): Promise<void> {
  await prisma().loginAttempt.create({ data: attempt });
}
