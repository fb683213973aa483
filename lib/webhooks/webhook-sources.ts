import { randomBytes, randomUUID } from "node:crypto";
import { recordAudit } from "../audit/record-audit";
import type { Principal } from "../auth/principal";
import { type Sql, sql, type Tx } from "../db/sql";
import { env } from "../env";
import { DomainError } from "../errors/domain-error";
import { logger } from "../observability/logger";
import { decryptSecret, encryptSecret } from "./secret-box";

export interface WebhookSourceView {
  id: string;
  name: string;
  role: string;
  disabled: boolean;
  /** When the rotated-out secret stops verifying; null when there is none. */
  previousSecretExpiresAt: string | null;
  createdById: string;
  createdAt: string;
}

type SourceRow = {
  id: string;
  name: string;
  role: string;
  disabled: boolean;
  secretCiphertext: string;
  previousSecretCiphertext: string | null;
  previousSecretExpiresAt: Date | null;
  createdById: string;
  createdAt: Date;
};

type Audited = { actor: Principal; ip?: string; requestId?: string };

export function sourceView(row: SourceRow): WebhookSourceView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() ?? null,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
  };
}

/** 32 random bytes in the Standard Webhooks format. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

const notFound = () =>
  new DomainError({ kind: "not_found", code: "webhook_source_not_found", detail: "No such webhook source" });

async function findRow(db: Sql, id: string, lock = false): Promise<SourceRow | undefined> {
  const rows = lock
    ? await db.$queryRaw<SourceRow[]>`SELECT * FROM "WebhookSource" WHERE id = ${id}::uuid FOR UPDATE`
    : await db.$queryRaw<SourceRow[]>`SELECT * FROM "WebhookSource" WHERE id = ${id}::uuid`;
  return rows[0];
}

export async function listWebhookSources(): Promise<WebhookSourceView[]> {
  const rows = await sql().$queryRaw<SourceRow[]>`SELECT * FROM "WebhookSource" ORDER BY "createdAt" DESC`;
  return rows.map(sourceView);
}

/** Creates a source acting as trader, in the caller's transaction; the secret is returned only here. */
export async function createWebhookSource(
  options: Audited & { tx: Tx; name: string },
): Promise<{ source: WebhookSourceView; secret: string }> {
  const { actor, tx } = options;
  const secret = newWebhookSecret();
  const createdById = actor.kind === "user" ? actor.id : actor.createdById;
  const rows = await tx.$queryRaw<SourceRow[]>`
    INSERT INTO "WebhookSource" (id, name, "secretCiphertext", role, "createdById", "updatedAt")
    VALUES (${randomUUID()}::uuid, ${options.name}, ${encryptSecret(secret)}, 'trader', ${createdById}::uuid, now())
    RETURNING *`;
  const source = sourceView(rows[0] as SourceRow);
  await recordAudit(
    {
      actor,
      action: "webhook_source.create",
      outcome: "success",
      target: `webhook_source:${source.id}`,
      ip: options.ip,
      requestId: options.requestId,
      after: { name: source.name, role: source.role },
    },
    tx,
  );
  return { source, secret };
}

/** A new secret; the old one keeps verifying for the grace period (WEBHOOK_ROTATION_GRACE_SECONDS). */
export async function rotateWebhookSecret(
  options: Audited & { tx: Tx; id: string; graceSeconds?: number },
): Promise<{ source: WebhookSourceView; secret: string }> {
  const { tx } = options;
  const existing = await findRow(tx, options.id, true);
  if (!existing) throw notFound();
  const secret = newWebhookSecret();
  const grace = options.graceSeconds ?? env().WEBHOOK_ROTATION_GRACE_SECONDS;
  const rows = await tx.$queryRaw<SourceRow[]>`
    UPDATE "WebhookSource" SET "previousSecretCiphertext" = "secretCiphertext",
      "previousSecretExpiresAt" = now() + ${grace} * interval '1 second',
      "secretCiphertext" = ${encryptSecret(secret)}, "updatedAt" = now()
    WHERE id = ${options.id}::uuid RETURNING *`;
  const source = sourceView(rows[0] as SourceRow);
  await recordAudit(
    {
      actor: options.actor,
      action: "webhook_source.rotate",
      outcome: "success",
      target: `webhook_source:${source.id}`,
      ip: options.ip,
      requestId: options.requestId,
      details: { previousSecretExpiresAt: source.previousSecretExpiresAt },
    },
    tx,
  );
  return { source, secret };
}

export async function setWebhookSourceDisabled(
  options: Audited & { id: string; disabled: boolean },
): Promise<WebhookSourceView> {
  const before = await findRow(sql(), options.id);
  if (!before) throw notFound();
  const rows = await sql().$queryRaw<SourceRow[]>`
    UPDATE "WebhookSource" SET disabled = ${options.disabled}, "updatedAt" = now()
    WHERE id = ${options.id}::uuid RETURNING *`;
  const source = sourceView(rows[0] as SourceRow);
  await recordAudit({
    actor: options.actor,
    action: options.disabled ? "webhook_source.disable" : "webhook_source.enable",
    outcome: "success",
    target: `webhook_source:${source.id}`,
    ip: options.ip,
    requestId: options.requestId,
    before: { disabled: before.disabled },
    after: { disabled: source.disabled },
  });
  return source;
}

export interface VerifiableSource {
  id: string;
  name: string;
  role: string;
  disabled: boolean;
  createdById: string;
  /** The current secret, then the previous one while its grace lasts. */
  secrets: string[];
}

/** A secret sealed under another key (WEBHOOK_SECRET_KEY changed) verifies nothing; it is not a crash. */
function readableSecret(sourceId: string, sealed: string): string[] {
  try {
    return [decryptSecret(sealed)];
  } catch (error) {
    logger.error(
      { webhookSourceId: sourceId, err_message: (error as Error).message },
      "webhook secret unreadable",
    );
    return [];
  }
}

/** A source with its decrypted secrets, for signature checks only (never sent anywhere). */
export async function findVerifiableSource(id: string): Promise<VerifiableSource | undefined> {
  const row = await findRow(sql(), id);
  if (!row) return undefined;
  const secrets = readableSecret(row.id, row.secretCiphertext);
  if (row.previousSecretCiphertext && row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date())
    secrets.push(...readableSecret(row.id, row.previousSecretCiphertext));
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    createdById: row.createdById,
    secrets,
  };
}

export async function getWebhookSource(id: string): Promise<WebhookSourceView> {
  const row = await findRow(sql(), id);
  if (!row) throw notFound();
  return sourceView(row);
}
