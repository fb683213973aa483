import { createHash, randomUUID } from "node:crypto";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { recordAudit } from "../audit/record-audit";
import { sql } from "../db/sql";
import { DomainError } from "../errors/domain-error";
import { logger } from "../observability/logger";
import { describeTradingHalt } from "../risk/describe-trading-halt";
import { readTradingHalt } from "../risk/read-kill-switch";
import { validationError } from "../validation/validation-error";
import { type IntentStatus, webhookIntentSchema } from "./intent-schema";
import { findVerifiableSource, type VerifiableSource } from "./webhook-sources";

export interface SignedDelivery {
  sourceId: string;
  /** webhook-id, webhook-timestamp, webhook-signature as received (null when absent). */
  headers: Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string | null>;
  /** The raw body, already capped in size by the caller. */
  body: Uint8Array;
}

export interface ReceivedIntent {
  intent: { id: string; status: IntentStatus };
  replayed: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One answer for every authentication failure: the caller learns nothing about which check failed. */
const unauthorized = () =>
  new DomainError({
    kind: "unauthenticated",
    code: "webhook_unauthorized",
    detail: "The webhook could not be authenticated",
  });

async function refuse(reason: string, sourceId: string, source?: VerifiableSource): Promise<never> {
  logger.warn({ webhookSourceId: sourceId, reason }, "webhook refused");
  await recordAudit({
    actor: source
      ? { kind: "webhook", id: source.id, name: source.name, role: source.role }
      : { kind: "anonymous", name: `webhook source ${sourceId.slice(0, 64)}` },
    action: "webhook.intent_received",
    outcome: "denied",
    target: `webhook_source:${sourceId.slice(0, 64)}`,
    details: { reason },
  });
  throw unauthorized();
}

/** Checks the signature with each secret the source accepts; the reason of the last failure otherwise. */
function verifySignature(source: VerifiableSource, delivery: SignedDelivery, text: string): string | null {
  const headers = Object.fromEntries(
    Object.entries(delivery.headers).map(([name, value]) => [name, value ?? ""]),
  );
  let reason = "no secret";
  for (const secret of source.secrets) {
    try {
      new Webhook(secret).verify(text, headers, { jsonParse: false });
      return null;
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      reason = error.message;
    }
  }
  return reason;
}

function parseBody(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DomainError({
      kind: "bad_request",
      code: "malformed_json",
      detail: "The body is not valid JSON",
    });
  }
  const parsed = webhookIntentSchema.safeParse(json);
  if (!parsed.success) throw validationError("body", parsed.error);
  return parsed.data;
}

/**
 * Verifies a signed delivery before parsing it, refuses an order while its trading is halted, and
 * stores the intent for the worker once per (source, webhook-id): a re-sent id is a replay of the
 * first answer, the same id with another body is refused.
 */
export async function receiveIntent(delivery: SignedDelivery): Promise<ReceivedIntent> {
  const { sourceId } = delivery;
  const source = UUID.test(sourceId) ? await findVerifiableSource(sourceId) : undefined;
  if (!source) return refuse("unknown source", sourceId);
  if (source.disabled) return refuse("source disabled", sourceId, source);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(delivery.body);
  } catch {
    return refuse("body is not UTF-8", sourceId, source);
  }
  const failure = verifySignature(source, delivery, text);
  if (failure) return refuse(failure, sourceId, source);
  const webhookId = delivery.headers["webhook-id"] as string;
  if (webhookId.length > 256)
    throw new DomainError({
      kind: "bad_request",
      code: "webhook_id_too_long",
      detail: "webhook-id is limited to 256 characters",
    });

  const body = parseBody(text);
  const actor = { kind: "webhook" as const, id: source.id, name: source.name, role: source.role };
  if (body.type === "order.place") {
    const halt = await readTradingHalt(sql(), body.order.symbol);
    if (halt) {
      await recordAudit({
        actor,
        action: "webhook.intent_received",
        outcome: "denied",
        target: `webhook_source:${source.id}`,
        details: { webhookId, reason: "kill_switch_engaged", scope: halt.scope },
      });
      throw new DomainError({
        kind: "locked",
        code: "kill_switch_engaged",
        detail: describeTradingHalt(halt),
        extra: { scope: halt.scope, reason: halt.reason, source: halt.source },
      });
    }
  }

  const bodyHash = createHash("sha256").update(delivery.body).digest("hex");
  const inserted = await sql().$queryRaw<{ id: string }[]>`
    INSERT INTO "WebhookIntent" (id, "sourceId", "webhookId", "bodyHash", type, payload, "updatedAt")
    VALUES (${randomUUID()}::uuid, ${source.id}::uuid, ${webhookId}, ${bodyHash}, ${body.type},
            ${JSON.stringify(body)}::jsonb, now())
    ON CONFLICT ("sourceId", "webhookId") DO NOTHING
    RETURNING id`;
  if (inserted[0]) {
    await recordAudit({
      actor,
      action: "webhook.intent_received",
      outcome: "success",
      target: `webhook_intent:${inserted[0].id}`,
      details: { webhookId, type: body.type },
    });
    return { intent: { id: inserted[0].id, status: "queued" }, replayed: false };
  }
  const [existing] = await sql().$queryRaw<{ id: string; bodyHash: string }[]>`
    SELECT id, "bodyHash" FROM "WebhookIntent" WHERE "sourceId" = ${source.id}::uuid AND "webhookId" = ${webhookId}`;
  if (!existing) throw new Error(`webhook intent ${webhookId} of ${source.id} vanished`);
  if (existing.bodyHash !== bodyHash)
    throw new DomainError({
      kind: "unprocessable",
      code: "idempotency_key_reused",
      detail: "This webhook-id was already used for a different body",
    });
  // The first answer was always "queued": a replay is that answer byte for byte.
  return { intent: { id: existing.id, status: "queued" }, replayed: true };
}
