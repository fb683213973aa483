import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { callRoute } from "@/test/http-client";
import { type OrderTestHarness, startOrderTestHarness } from "@/test/order-test-harness";
import { apiTokenFor } from "@/test/principals";
import { GET as getIntent } from "../webhooks/intents/[id]/route";
import { GET as listIntents } from "../webhooks/intents/route";
import { POST as signalRoute } from "../webhooks/signals/[sourceId]/route";
import { POST as rotateRoute } from "./[id]/rotate/route";
import { PATCH as patchSource } from "./[id]/route";
import { POST as createSource, GET as listSources } from "./route";

let h: OrderTestHarness;
let risk: string;
let viewer: string;

const create = (name: string, key: string, token = risk) =>
  callRoute(createSource, {
    method: "POST",
    path: "/api/webhook-sources",
    token,
    json: { name },
    headers: { "idempotency-key": key },
  });

function signal(sourceId: string, secret: string) {
  const id = `msg_${randomUUID()}`;
  const body = JSON.stringify({
    type: "order.place",
    order: { symbol: "BTC/USDT", side: "buy", type: "limit", quantity: "0.001", price: "30000" },
  });
  const at = new Date();
  return callRoute(signalRoute, {
    method: "POST",
    path: `/api/webhooks/signals/${sourceId}`,
    params: { sourceId },
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, at, body),
    },
    body,
  });
}

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 62 });
  risk = (await apiTokenFor("risk")).token;
  viewer = (await apiTokenFor("viewer")).token;
});
afterAll(async () => {
  await h?.close();
});

describe("webhook sources API", () => {
  it("creates a source (201, secret shown once); a replay of the key returns the source without the secret; the store holds no secret", async () => {
    const key = `src-${randomUUID()}`;
    const first = await create("tradingview", key);
    expect(first.status).toBe(201);
    const secret = first.json.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(first.json).toMatchObject({
      source: { name: "tradingview", role: "trader", disabled: false },
      secretShown: true,
    });

    const replay = await create("tradingview", key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.json).toEqual({ source: first.json.source, secretShown: false });

    const records = await prisma().idempotencyRecord.findMany();
    expect(JSON.stringify(records)).not.toContain(secret.slice(6));
    const stored = await prisma().webhookSource.findMany();
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6));

    const list = await callRoute(listSources, { path: "/api/webhook-sources", token: risk });
    expect(list.json.sources).toEqual([first.json.source]);
    expect(list.text).not.toContain(secret.slice(6));
  });

  it("rotates (the new secret works) and disables (signals refused); viewers read intents but cannot manage sources", async () => {
    const created = await create("strategy", `src-${randomUUID()}`);
    const source = created.json.source as { id: string };
    expect((await create("x", `src-${randomUUID()}`, viewer)).status).toBe(403);

    const rotated = await callRoute(rotateRoute, {
      method: "POST",
      path: `/api/webhook-sources/${source.id}/rotate`,
      params: { id: source.id },
      token: risk,
      headers: { "idempotency-key": `rot-${randomUUID()}` },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.json.secretShown).toBe(true);
    const accepted = await signal(source.id, rotated.json.secret as string);
    expect(accepted.status).toBe(202);

    const intentId = (accepted.json.intent as { id: string }).id;
    const list = await callRoute(listIntents, {
      path: `/api/webhooks/intents?sourceId=${source.id}&status=queued`,
      token: viewer,
    });
    expect((list.json.intents as { id: string }[]).map((i) => i.id)).toEqual([intentId]);
    const one = await callRoute(getIntent, {
      path: `/api/webhooks/intents/${intentId}`,
      params: { id: intentId },
      token: viewer,
    });
    expect(one.json.intent).toMatchObject({
      id: intentId,
      sourceId: source.id,
      status: "queued",
      type: "order.place",
    });

    const disabled = await callRoute(patchSource, {
      method: "PATCH",
      path: `/api/webhook-sources/${source.id}`,
      params: { id: source.id },
      token: risk,
      json: { disabled: true },
    });
    expect(disabled.json.source).toMatchObject({ id: source.id, disabled: true });
    expect((await signal(source.id, rotated.json.secret as string)).status).toBe(401);
  });
});
