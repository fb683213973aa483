import { recordAudit } from "../audit/record-audit";
import { prisma } from "../db/prisma";
import { DomainError } from "../errors/domain-error";
import { assertPasswordAcceptable } from "./password-policy";
import { hashPassword } from "./passwords";
import type { Principal } from "./principal";
import type { Role } from "./roles";

export type UserView = { id: string; username: string; role: Role; disabled: boolean; createdAt: string };

type Audited = { actor: Principal | { kind: "system"; name: string }; ip?: string; requestId?: string };

function view(row: {
  id: string;
  username: string;
  role: Role;
  disabledAt: Date | null;
  createdAt: Date;
}): UserView {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export async function createUser(
  options: Audited & { username: string; password: string; role: Role },
): Promise<UserView> {
  assertPasswordAcceptable(options.username, options.password);
  try {
    const row = await prisma().user.create({
      data: {
        username: options.username,
        role: options.role,
        passwordHash: await hashPassword(options.password),
      },
    });
    await recordAudit({
      actor: options.actor,
      action: "user.create",
      outcome: "success",
      target: `user:${row.id}`,
      ip: options.ip,
      requestId: options.requestId,
      details: { username: row.username, role: row.role },
    });
    return view(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError({
        kind: "conflict",
        code: "username_taken",
        detail: `User ${options.username} already exists`,
      });
    }
    throw error;
  }
}

export async function listUsers(): Promise<UserView[]> {
  const rows = await prisma().user.findMany({ orderBy: { username: "asc" } });
  return rows.map(view);
}

/** Changes a user's role or disabled flag. Disabling revokes every open session of that user. */
export async function updateUser(
  options: Audited & { id: string; role?: Role; disabled?: boolean },
): Promise<UserView> {
  const { actor } = options;
  if (
    actor.kind === "user" &&
    actor.id === options.id &&
    (options.disabled === true || options.role !== undefined)
  ) {
    throw new DomainError({
      kind: "conflict",
      code: "cannot_change_self",
      detail: "You cannot disable yourself or change your own role",
    });
  }
  const existing = await prisma().user.findUnique({ where: { id: options.id } });
  if (!existing) throw new DomainError({ kind: "not_found", code: "user_not_found", detail: "No such user" });
  const now = new Date();
  const row = await prisma().$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: options.id },
      data: {
        ...(options.role !== undefined ? { role: options.role } : {}),
        ...(options.disabled !== undefined
          ? { disabledAt: options.disabled ? (existing.disabledAt ?? now) : null }
          : {}),
      },
    });
    if (options.disabled || (options.role !== undefined && options.role !== existing.role)) {
      await tx.session.updateMany({
        where: { userId: options.id, revokedAt: null },
        data: { revokedAt: now },
      });
    }
    const summary = (user: typeof existing) => ({ role: user.role, disabled: user.disabledAt !== null });
    await recordAudit(
      {
        actor,
        action: "user.update",
        outcome: "success",
        target: `user:${updated.id}`,
        ip: options.ip,
        requestId: options.requestId,
        before: summary(existing),
        after: summary(updated),
        details: { role: options.role ?? null, disabled: options.disabled ?? null },
      },
      tx,
    );
    return updated;
  });
  return view(row);
}

/**
 * First start: with no users at all, creates `admin` (role risk) with the given password, or a
 * generated one that the caller prints once. Safe to run from several processes at once.
 */
export async function ensureInitialAdmin(password: string): Promise<boolean> {
  if ((await prisma().user.count()) > 0) return false;
  try {
    await createUser({
      actor: { kind: "system", name: "bootstrap" },
      username: "admin",
      password,
      role: "risk",
    });
    return true;
  } catch (error) {
    if (error instanceof DomainError && error.code === "username_taken") return false;
    throw error;
  }
}
