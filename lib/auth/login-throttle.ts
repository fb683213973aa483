import { prisma } from "../db/prisma";
import { env } from "../env";
import { DomainError } from "../errors/domain-error";

const WINDOW_MS = 60_000;

/**
 * Refuses a login attempt when the username or the client address has failed too often in the last
 * minute. Counted in PostgreSQL, so the limit holds across app instances.
 */
export async function assertLoginNotThrottled({
  username,
  ip,
}: {
  username: string;
  ip: string;
}): Promise<void> {
  const limit = env().LOGIN_MAX_FAILURES_PER_MINUTE;
  const since = new Date(Date.now() - WINDOW_MS);
  const failures = prisma().loginAttempt;
  const [byUser, byIp] = await Promise.all([
    failures.findMany({
      where: { username, success: false, createdAt: { gt: since } },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { createdAt: true },
    }),
    failures.findMany({
      where: { ip, success: false, createdAt: { gt: since } },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { createdAt: true },
    }),
  ]);
  const blocking = [byUser, byIp].filter((rows) => rows.length >= limit);
  if (blocking.length === 0) return;
  // The window reopens when the oldest of the last `limit` failures leaves it.
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
