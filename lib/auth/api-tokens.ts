import { randomUUID } from "node:crypto";
import { recordAudit } from "../audit/record-audit";
import { prisma } from "../db/prisma";
import { type Sql, sql } from "../db/sql";
import { DomainError } from "../errors/domain-error";
import { addressAllowed } from "./cidr";
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
  expiresAt: string | null;
  allowedCidrs: string[];
  owner: { id: string; username: string };
};

type Audited = { actor: Principal; ip?: string; requestId?: string };

type TokenViewRow = {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  allowedCidrs: string[];
  createdBy: { id: string; username: string };
};

function view(row: TokenViewRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    allowedCidrs: row.allowedCidrs,
    owner: { id: row.createdBy.id, username: row.createdBy.username },
  };
}

const withOwner = { createdBy: { select: { id: true, username: true } } } as const;

type CreatedRow = Omit<TokenViewRow, "createdBy"> & { ownerUsername: string };

/**
 * Issues a bearer token for a bot, owned by the user behind the actor (a token's owner for a token),
 * in the given transaction (with its audit entry). The secret is returned once and only its hash is kept.
 * `allowedCidrs` must already be normalised (normaliseCidr).
 */
export async function createApiToken(
  options: Audited & {
    name: string;
    role: Role;
    expiresAt?: Date;
    allowedCidrs?: string[];
    tx?: Sql;
  },
): Promise<{ token: string; apiToken: ApiTokenView }> {
  const { actor } = options;
  const db = options.tx ?? sql();
  if (!hasRole(actor.role, options.role)) {
    throw new DomainError({
      kind: "forbidden",
      code: "token_role_above_owner",
      detail: `A token cannot have a higher role than you (${actor.role}); asked for ${options.role}`,
    });
  }
  const createdById = actor.kind === "user" ? actor.id : actor.createdById;
  const token = newSecretToken(TOKEN_PREFIX);
  const rows = await db.$queryRaw<CreatedRow[]>`
    WITH t AS (
      INSERT INTO "ApiToken" (id, name, role, "tokenHash", prefix, "createdById", "expiresAt", "allowedCidrs")
      VALUES (${randomUUID()}::uuid, ${options.name}, ${options.role}::"Role", ${hashSecretToken(token)},
              ${token.slice(0, TOKEN_PREFIX.length + 6)}, ${createdById}::uuid, ${options.expiresAt ?? null},
              ${options.allowedCidrs ?? []}::text[])
      RETURNING *)
    SELECT t.id, t.name, t.role::text AS role, t.prefix, t."createdAt", t."lastUsedAt", t."revokedAt",
           t."expiresAt", t."allowedCidrs", t."createdById", u.username AS "ownerUsername"
    FROM t JOIN "User" u ON u.id = t."createdById"`;
  const row = rows[0]!;
  await recordAudit(
    {
      actor,
      action: "token.create",
      outcome: "success",
      target: `token:${row.id}`,
      ip: options.ip,
      requestId: options.requestId,
      details: {
        name: row.name,
        role: row.role,
        expiresAt: row.expiresAt?.toISOString() ?? null,
        allowedCidrs: row.allowedCidrs,
      },
    },
    db,
  );
  return {
    token,
    apiToken: view({ ...row, createdBy: { id: createdById, username: row.ownerUsername } }),
  };
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
  | { ok: false; reason: "unknown" | "revoked" | "owner_disabled" }
  /** Refusals of a live token: audited with the token as the actor. */
  | { ok: false; reason: "expired" | "address_not_allowed"; principal: Principal };

type TokenRow = {
  id: string;
  name: string;
  role: Role;
  createdById: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expired: boolean;
  allowedCidrs: string[];
  ownerDisabledAt: Date | null;
};

/**
 * A token acts with the lower of its own role and its owner's current role, dies with its owner's
 * account, and is refused after its expiry and from a client address outside its allowed ranges.
 */
export async function resolveApiToken(token: string, ip: string): Promise<TokenLookup> {
  if (!token.startsWith(TOKEN_PREFIX)) return { ok: false, reason: "unknown" };
  // Raw SQL: this runs on every bot request, and a model query costs a query compilation.
  // Role is a PostgreSQL enum declared viewer < trader < risk, so LEAST picks the weaker role.
  // Expiry by the database clock, the one clock every instance shares.
  const rows = await sql().$queryRaw<TokenRow[]>`
    SELECT t.id, t.name, LEAST(t.role, u.role)::text AS role, t."createdById", t."lastUsedAt",
           t."revokedAt", coalesce(t."expiresAt" <= now(), false) AS expired, t."allowedCidrs",
           u."disabledAt" AS "ownerDisabledAt"
    FROM "ApiToken" t JOIN "User" u ON u.id = t."createdById"
    WHERE t."tokenHash" = ${hashSecretToken(token)}`;
  const row = rows[0];
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.ownerDisabledAt) return { ok: false, reason: "owner_disabled" };
  const principal: Principal = {
    kind: "token",
    id: row.id,
    name: row.name,
    role: row.role,
    createdById: row.createdById,
  };
  if (row.expired) return { ok: false, reason: "expired", principal };
  if (!addressAllowed(ip, row.allowedCidrs)) return { ok: false, reason: "address_not_allowed", principal };
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await sql().$executeRaw`UPDATE "ApiToken" SET "lastUsedAt" = now() WHERE id = ${row.id}::uuid`;
  }
  return { ok: true, principal };
}
