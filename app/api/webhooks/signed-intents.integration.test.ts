import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { sql, transaction } from "@/lib/db/sql";
import { appServices } from "@/lib/runtime/app-services";
import { drainIntents } from "@/lib/webhooks/intent-worker";
import {
  createWebhookSource,
  rotateWebhookSecret,
  setWebhookSourceDisabled,
} from "@/lib/webhooks/webhook-sources";
import { callRoute } from "@/test/http-client";
import { type OrderTestHarness, resetSim, startOrderTestHarness } from "@/test/order-test-harness";
import { signedInUser } from "@/test/principals";
import { truncateTables } from "@/test/reset-database";
import { GET as getOrder } from "../orders/[id]/route";
import { POST as signalRoute } from "./signals/[sourceId]/route";

let h: OrderTestHarness;
let actor: { kind: "user"; id: string; name: string; role: "risk"; sessionId: string };

const services = () => {
  const { venue, reconciliationGate, midSource } = appServices();
  return { venue, gate: reconciliationGate, midSource };
};

async function newSource(name = "alerts") {
  return transaction((tx) => createWebhookSource({ tx, actor, name }));
}

const order = (quantity = "0.001") => ({
  type: "order.place",
  order: { symbol: "BTC/USDT", side: "buy", type: "limit", quantity, price: "30000" },
});

function send(options: {
  sourceId: string;
  secret?: string;
  body: unknown;
  id?: string;
  at?: Date;
  signature?: string;
}) {
  const id = options.id ?? `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  const body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const signature = options.signature ?? new Webhook(options.secret as string).sign(id, at, body);
  return callRoute(signalRoute, {
    method: "POST",
    path: `/api/webhooks/signals/${options.sourceId}`,
    params: { sourceId: options.sourceId },
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signature,
    },
    body,
  });
}

const intents = () => prisma().webhookIntent.findMany();
const webhookOrders = () => prisma().order.findMany({ where: { origin: "webhook" } });

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 61 });
  const { user } = await signedInUser("risk");
  actor = { kind: "user", id: user.id, name: user.username, role: "risk", sessionId: "test" };
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await resetSim(h.sim);
  await truncateTables(["WebhookIntent", "Order", "IdempotencyRecord", "KillSwitch"]);
});

describe("signed webhook intents", () => {
  it("a good signature is stored (202), and the worker places exactly one order with origin webhook, made by the source", async () => {
    const { source, secret } = await newSource();
    const response = await send({ sourceId: source.id, secret, body: order() });
    expect(response.status).toBe(202);
    expect(response.json).toEqual({ intent: { id: expect.any(String), status: "queued" } });
    expect(response.headers.get("idempotent-replayed")).toBeNull();

    await drainIntents(services());
    const [intent] = await intents();
    const orders = await webhookOrders();
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      createdByWebhookSourceId: source.id,
      createdByUserId: null,
      createdByTokenId: null,
    });
    expect(intent).toMatchObject({ status: "placed", orderId: orders[0]?.id, error: null });
    expect(await h.venueOrders()).toHaveLength(1);
    const shown = await callRoute(getOrder, {
      path: `/api/orders/${orders[0]?.id}`,
      params: { id: orders[0]?.id as string },
      token: h.token,
    });
    expect(shown.json.order).toMatchObject({
      origin: "webhook",
      createdByWebhookSourceId: source.id,
      placedBy: { kind: "webhook", id: source.id, name: "alerts" },
    });
    const audit = await prisma().auditLog.findMany({ where: { action: { startsWith: "webhook.intent" } } });
    expect(audit.map((a) => [a.action, a.actorType, a.actorId])).toEqual(
      expect.arrayContaining([
        ["webhook.intent_received", "webhook", source.id],
        ["webhook.intent_processed", "webhook", source.id],
      ]),
    );
  });

  it("the same webhook re-sent 5 times in parallel is one intent and one order; the resends are marked replays", async () => {
    const { source, secret } = await newSource();
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => send({ sourceId: source.id, secret, body: order(), id, at })),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(4);
    await drainIntents(services());
    const again = await send({ sourceId: source.id, secret, body: order(), id, at });
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    await drainIntents(services());
    expect(await intents()).toHaveLength(1);
    expect(await webhookOrders()).toHaveLength(1);
    expect(await h.venueOrders()).toHaveLength(1);
  });

  it("a bad signature, an unknown source, a disabled source, stale and future timestamps: 401 with one message, nothing stored; the audit says which", async () => {
    const { source, secret } = await newSource();
    const other = await newSource("other");
    const refusals = [
      await send({ sourceId: source.id, secret: other.secret, body: order() }),
      await send({ sourceId: randomUUID(), secret, body: order() }),
      await send({ sourceId: "not-a-uuid", secret, body: order() }),
      await send({ sourceId: source.id, secret, body: order(), at: new Date(Date.now() - 301_000) }),
      await send({ sourceId: source.id, secret, body: order(), at: new Date(Date.now() + 301_000) }),
      await send({ sourceId: source.id, body: order(), signature: "v1,AAAA" }),
    ];
    await setWebhookSourceDisabled({ actor, id: source.id, disabled: true });
    refusals.push(await send({ sourceId: source.id, secret, body: order() }));
    for (const refusal of refusals) {
      expect(refusal.status).toBe(401);
      expect(refusal.json).toMatchObject({
        code: "webhook_unauthorized",
        detail: "The webhook could not be authenticated",
      });
    }
    expect(await intents()).toHaveLength(0);
    const denied = await prisma().auditLog.findMany({
      where: { action: "webhook.intent_received", outcome: "denied" },
      orderBy: { seq: "asc" },
    });
    expect(denied.map((a) => (a.details as { reason: string }).reason)).toEqual([
      "No matching signature found",
      "unknown source",
      "unknown source",
      "Message timestamp too old",
      "Message timestamp too new",
      "No matching signature found",
      "source disabled",
    ]);
  });

  it("intents queued before their source was disabled are rejected by the worker, not placed", async () => {
    const { source, secret } = await newSource();
    expect((await send({ sourceId: source.id, secret, body: order() })).status).toBe(202);
    await setWebhookSourceDisabled({ actor, id: source.id, disabled: true });
    await drainIntents(services());
    const [intent] = await intents();
    expect(intent).toMatchObject({ status: "rejected", error: { code: "webhook_source_disabled" } });
    expect(await h.venueOrders()).toHaveLength(0);
  });

  it("a body over 64 KiB is 413 before anything is parsed or stored", async () => {
    const { source, secret } = await newSource();
    const big = JSON.stringify({ ...order(), padding: "x".repeat(70 * 1024) });
    const response = await send({ sourceId: source.id, secret, body: big });
    expect(response.status).toBe(413);
    expect(response.json.code).toBe("payload_too_large");
    expect(await intents()).toHaveLength(0);
  });

  it("the same webhook-id with another body is 422 idempotency_key_reused", async () => {
    const { source, secret } = await newSource();
    const id = `msg_${randomUUID()}`;
    expect((await send({ sourceId: source.id, secret, body: order("0.001"), id })).status).toBe(202);
    const reused = await send({ sourceId: source.id, secret, body: order("0.002"), id });
    expect(reused.status).toBe(422);
    expect(reused.json.code).toBe("idempotency_key_reused");
    expect(await intents()).toHaveLength(1);
  });

  it("a rotated secret: old and new both verify during the grace period, only the new one after it", async () => {
    const { source, secret: oldSecret } = await newSource();
    const { secret: newSecret } = await transaction((tx) =>
      rotateWebhookSecret({ tx, actor, id: source.id, graceSeconds: 1 }),
    );
    expect(newSecret).not.toBe(oldSecret);
    expect((await send({ sourceId: source.id, secret: oldSecret, body: order() })).status).toBe(202);
    expect((await send({ sourceId: source.id, secret: newSecret, body: order() })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await send({ sourceId: source.id, secret: oldSecret, body: order() })).status).toBe(401);
    expect((await send({ sourceId: source.id, secret: newSecret, body: order() })).status).toBe(202);
    const stored = await prisma().webhookSource.findUniqueOrThrow({ where: { id: source.id } });
    expect(stored.secretCiphertext).not.toContain(newSecret.slice(6, 20));
  });

  it("a secret sealed under another key verifies nothing but does not break the source's other secret", async () => {
    const { source, secret } = await newSource();
    await sql().$executeRaw`
      UPDATE "WebhookSource" SET "previousSecretCiphertext" = 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA',
        "previousSecretExpiresAt" = now() + interval '1 hour' WHERE id = ${source.id}::uuid`;
    expect((await send({ sourceId: source.id, secret, body: order() })).status).toBe(202);
    expect(
      (await send({ sourceId: source.id, secret: (await newSource()).secret, body: order() })).status,
    ).toBe(401);
  });

  it("while the kill switch is engaged an order intent is 423 at once and not stored", async () => {
    const { source, secret } = await newSource();
    await sql().$executeRaw`
      INSERT INTO "KillSwitch" (scope, engaged, reason, source, actor, "changedAt", version)
      VALUES ('global', true, 'drill', 'manual', 'test', now(), 1)`;
    const response = await send({ sourceId: source.id, secret, body: order() });
    expect(response.status).toBe(423);
    expect(response.json).toMatchObject({ code: "kill_switch_engaged", reason: "drill" });
    expect(await intents()).toHaveLength(0);
  });

  it("an intent queued before the kill switch engaged is rejected by the worker with the reason", async () => {
    const { source, secret } = await newSource();
    expect((await send({ sourceId: source.id, secret, body: order() })).status).toBe(202);
    await sql().$executeRaw`
      INSERT INTO "KillSwitch" (scope, engaged, reason, source, actor, "changedAt", version)
      VALUES ('global', true, 'drill', 'manual', 'test', now(), 1)`;
    await drainIntents(services());
    const [intent] = await intents();
    expect(intent).toMatchObject({
      status: "rejected",
      orderId: null,
      error: { code: "kill_switch_engaged" },
    });
    expect(await h.venueOrders()).toHaveLength(0);
  });

  it("an intent whose worker died after the 202 (lease left to expire) is processed once; two workers never place twice", async () => {
    const { source, secret } = await newSource();
    expect((await send({ sourceId: source.id, secret, body: order() })).status).toBe(202);
    // A dead worker's lease: the row is held until it runs out.
    await sql()
      .$executeRaw`UPDATE "WebhookIntent" SET "lockedUntil" = now() + interval '300 milliseconds', attempts = 1`;
    expect(await drainIntents(services())).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const counts = await Promise.all([drainIntents(services()), drainIntents(services())]);
    expect(counts.sort()).toEqual([0, 1]);
    // Even a worker whose lease expired mid-placement re-runs the same keyed request: a replay.
    await sql().$executeRaw`UPDATE "WebhookIntent" SET status = 'queued', "lockedUntil" = NULL`;
    await drainIntents(services());
    const [intent] = await intents();
    expect(intent?.status).toBe("placed");
    expect(await webhookOrders()).toHaveLength(1);
    expect(await h.venueOrders()).toHaveLength(1);
  });

  it("order.cancel cancels an order the source placed, by clientOrderId", async () => {
    const { source, secret } = await newSource();
    await send({ sourceId: source.id, secret, body: order() });
    await drainIntents(services());
    const [placed] = await webhookOrders();
    const response = await send({
      sourceId: source.id,
      secret,
      body: { type: "order.cancel", clientOrderId: placed?.clientOrderId },
    });
    expect(response.status).toBe(202);
    await drainIntents(services());
    const cancel = await prisma().webhookIntent.findFirstOrThrow({ where: { type: "order.cancel" } });
    expect(cancel).toMatchObject({ status: "canceled", orderId: placed?.id });
  });
});
