import { recordAudit } from "../audit/record-audit";
import { prisma } from "../db/prisma";
import { sql } from "../db/sql";
import { DomainError } from "../errors/domain-error";
import type { Principal } from "./principal";
import { hasRole, type Role } from "./roles";
import { hashSecretToken, newSecretToken } from "./secret-token";

const TOKEN_PREFIX = "tly_";

export type ApiTokenView = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  owner: { id: string; username: string };
};

type Audited = { actor: Principal; ip?: string; requestId?: string };

function view(row: {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { id: string; username: string };
}): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    owner: { id: row.createdBy.id, username: row.createdBy.username },
  };
}

const withOwner = { createdBy: { select: { id: true, username: true } } } as const;

/**
 * Issues a bearer token for a bot, owned by the user behind the actor (a token's owner for a token).
 * The secret is returned once and only its hash is kept.
 */
export async function createApiToken(
  options: Audited & { name: string; role: Role },
): Promise<{ token: string; apiToken: ApiTokenView }> {
  const { actor } = options;
  if (!hasRole(actor.role, options.role)) {
    throw new DomainError({
      kind: "forbidden",
      code: "token_role_above_owner",
      detail: `A token cannot have a higher role than you (${actor.role}); asked for ${options.role}`,
    });
  }
  const createdById = actor.kind === "user" ? actor.id : actor.createdById;
  const token = newSecretToken(TOKEN_PREFIX);
  const row = await prisma().apiToken.create({
    data: {
      name: options.name,
      role: options.role,
      tokenHash: hashSecretToken(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      createdById,
    },
    include: withOwner,
  });
  await recordAudit({
    actor,
    action: "token.create",
    outcome: "success",
    target: `token:${row.id}`,
    ip: options.ip,
    requestId: options.requestId,
    details: { name: row.name, role: row.role },
  });
  return { token, apiToken: view(row) };
}

export async function listApiTokens(): Promise<ApiTokenView[]> {
  const rows = await prisma().apiToken.findMany({ orderBy: { createdAt: "desc" }, include: withOwner });
  return rows.map(view);
}

export async function revokeApiToken(options: Audited & { id: string }): Promise<ApiTokenView> {
  const existing = await prisma().apiToken.findUnique({ where: { id: options.id }, include: withOwner });
  if (!existing)
    throw new DomainError({ kind: "not_found", code: "token_not_found", detail: "No such API token" });
  const row = existing.revokedAt
    ? existing
    : await prisma().apiToken.update({
        where: { id: options.id },
        data: { revokedAt: new Date() },
        include: withOwner,
      });
  if (!existing.revokedAt) {
    await recordAudit({
      actor: options.actor,
      action: "token.revoke",
      outcome: "success",
      target: `token:${row.id}`,
      ip: options.ip,
      requestId: options.requestId,
    });
  }
  return view(row);
}

export type TokenLookup =
  | { ok: true; principal: Principal }
  | { ok: false; reason: "unknown" | "revoked" | "owner_disabled" };

type TokenRow = {
  id: string;
  name: string;
  role: Role;
  createdById: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  ownerDisabledAt: Date | null;
};

/** A token acts with the lower of its own role and its owner's current role, and dies with its owner's account. */
export async function resolveApiToken(token: string): Promise<TokenLookup> {
  if (!token.startsWith(TOKEN_PREFIX)) return { ok: false, reason: "unknown" };
  // Raw SQL: this runs on every bot request, and a model query costs a query compilation.
  // Role is a PostgreSQL enum declared viewer < trader < risk, so LEAST picks the weaker role.
  const rows = await sql().$queryRaw<TokenRow[]>`
    SELECT t.id, t.name, LEAST(t.role, u.role)::text AS role, t."createdById", t."lastUsedAt",
           t."revokedAt", u."disabledAt" AS "ownerDisabledAt"
    FROM "ApiToken" t JOIN "User" u ON u.id = t."createdById"
    WHERE t."tokenHash" = ${hashSecretToken(token)}`;
  const row = rows[0];
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.ownerDisabledAt) return { ok: false, reason: "owner_disabled" };
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await sql().$executeRaw`UPDATE "ApiToken" SET "lastUsedAt" = now() WHERE id = ${row.id}::uuid`;
  }
  return {
    ok: true,
    principal: { kind: "token", id: row.id, name: row.name, role: row.role, createdById: row.createdById },
  };
}
