import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { LIVE_STATUSES } from "@/lib/orders/order-state-machine";
import { engageKillSwitch, releaseKillSwitch } from "@/lib/risk/change-kill-switch";
import { simControl, simOrders, sleep } from "@/lib/venue/testing/sim-test-helpers";
import { callRoute } from "@/test/http-client";
import { type OrderTestHarness, resetSim, startOrderTestHarness } from "@/test/order-test-harness";
import { apiTokenFor } from "@/test/principals";
import { GET as getIdempotency } from "../idempotency/[key]/route";
import { GET as getInstruments } from "../instruments/route";
import { POST as postOrder } from "./route";

let h: OrderTestHarness;
let n = 0;
const key = () => `it-key-${Date.now()}-${n++}`;
const limitBuy = (overrides: Record<string, unknown> = {}) => ({
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  quantity: "0.001",
  price: "30000",
  ...overrides,
});

const post = (idempotencyKey: string | undefined, json: unknown, token = h.token) =>
  callRoute(postOrder, {
    method: "POST",
    path: "/api/orders",
    token,
    json,
    headers: idempotencyKey === undefined ? {} : { "idempotency-key": idempotencyKey },
  });

beforeAll(async () => {
  h = await startOrderTestHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await resetSim(h.sim);
  await prisma().killSwitch.deleteMany({});
});

describe("GET /api/instruments", () => {
  it("lists the venue's markets with trimmed decimal filters", async () => {
    const response = await callRoute(getInstruments, { path: "/api/instruments", token: h.token });
    expect(response.status).toBe(200);
    const instruments = response.json.instruments as Array<Record<string, string>>;
    expect(instruments).toContainEqual({
      symbol: "BTC/USDT",
      tickSize: "0.01",
      lotSize: "0.00001",
      minNotional: "5",
    });
  });
});

describe("POST /api/orders refuses an ambiguous body", () => {
  const postRaw = (body: string | Uint8Array<ArrayBuffer>) =>
    callRoute(postOrder, {
      method: "POST",
      path: "/api/orders",
      token: h.token,
      headers: { "idempotency-key": key(), "content-type": "application/json" },
      body,
    });

  it("a repeated side gets 400 malformed_json naming it, and nothing reaches the venue", async () => {
    const ordersBefore = await prisma().order.count();
    const response = await postRaw(
      '{"symbol":"BTC/USDT","side":"buy","type":"limit","quantity":"0.001","price":"30000","side":"sell"}',
    );
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ code: "malformed_json", pointer: "/side" });
    expect(response.json.detail).toContain('duplicate key "side"');
    expect(await simOrders(h.sim)).toEqual([]);
    expect(await prisma().order.count()).toBe(ordersBefore);
  });

  it("bytes that are not UTF-8 get 400 instead of being read as U+FFFD", async () => {
    const json = new TextEncoder().encode(
      '{"symbol":"BTC/USDT","side":"buy","type":"limit","quantity":"0.001","price":"30000","note":"__"}',
    );
    const at = json.lastIndexOf(0x5f);
    json.set([0xc3, 0x28], at - 1);
    const response = await postRaw(json);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      code: "malformed_json",
      detail: "The request body is not valid UTF-8",
    });
    expect(await simOrders(h.sim)).toEqual([]);
  });
});

describe("POST /api/orders", () => {
  it("places a limit order: 201 with the order; a replay returns the same bytes without side effects", async () => {
    const k = key();
    const first = await post(k, limitBuy({ quantity: "0.00150", price: "30000.50" }));
    expect(first.status).toBe(201);
    const order = first.json.order as Record<string, unknown>;
    expect(order).toMatchObject({
      symbol: "BTC/USDT",
      side: "buy",
      type: "limit",
      timeInForce: "GTC",
      quantity: "0.0015",
      price: "30000.5",
      filledQuantity: "0",
      averagePrice: null,
      status: "open",
      rejectReason: null,
    });
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    // key order and whitespace do not change the fingerprint
    const replay = await post(k, {
      price: "30000.50",
      quantity: "0.00150",
      type: "limit",
      side: "buy",
      symbol: "BTC/USDT",
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.text).toBe(first.text);

    expect(await h.venueOrders(order.clientOrderId as string)).toHaveLength(1);
    expect(await prisma().order.count({ where: { clientOrderId: order.clientOrderId as string } })).toBe(1);
    expect(
      await prisma().auditLog.count({ where: { action: "order.place", target: order.id as string } }),
    ).toBe(1);
    const events = await prisma().orderEvent.findMany({
      where: { orderId: order.id as string },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "pending_new"],
      ["pending_new", "open"],
    ]);
  });

  it("five concurrent requests with one key: the ones told to wait retry after 1 s, not the lease", async () => {
    // The venue takes 300 ms, so the first request is still young when the others arrive.
    await simControl(h.sim, "POST", "faults", { latencyMs: 300, endpoints: ["POST order"] });
    const k = key();
    const body = limitBuy({ price: "31500" });
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(k, body)));
    await simControl(h.sim, "DELETE", "faults");
    const waiting = responses.filter((r) => r.status === 409);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(waiting).toHaveLength(4);
    for (const r of waiting) expect(r.headers.get("retry-after")).toBe("1");
  });

  it("50 concurrent identical requests with one key: one order row, one venue order, identical completed bodies", async () => {
    const k = key();
    const body = limitBuy({ price: "31000" });
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(k, body)));
    const completed = responses.filter((r) => r.status === 201);
    const inProgress = responses.filter((r) => r.status === 409);
    expect(completed.length + inProgress.length).toBe(50);
    expect(completed.length).toBeGreaterThanOrEqual(1);
    for (const r of inProgress) {
      expect(r.json.code).toBe("idempotency_key_in_progress");
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    for (const r of completed) expect(r.text).toBe(completed[0]?.text);
    const clientOrderId = (completed[0]?.json.order as { clientOrderId: string } | undefined)?.clientOrderId;
    expect(await prisma().order.count({ where: { idempotencyRecord: { key: k } } })).toBe(1);
    expect(await h.venueOrders(clientOrderId)).toHaveLength(1);
    expect(await h.venueOrders()).toHaveLength(1);
    const after = await post(k, body);
    expect(after.text).toBe(completed[0]?.text);
  });

  it("same key with a different body: 422 idempotency_key_reused", async () => {
    const k = key();
    expect((await post(k, limitBuy())).status).toBe(201);
    const reused = await post(k, limitBuy({ quantity: "0.002" }));
    expect(reused.status).toBe(422);
    expect(reused.json.code).toBe("idempotency_key_reused");
    expect(reused.headers.get("content-type")).toBe("application/problem+json");
  });

  it("while the first request is at the venue: 409 with Retry-After, then the replay", async () => {
    await simControl(h.sim, "POST", "faults", { latencyMs: 800, endpoints: ["POST order"] });
    const k = key();
    const first = post(k, limitBuy());
    while ((await prisma().idempotencyRecord.count({ where: { key: k } })) === 0) await sleep(10);
    const second = await post(k, limitBuy());
    expect(second.status).toBe(409);
    expect(second.json.code).toBe("idempotency_key_in_progress");
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const done = await first;
    expect(done.status).toBe(201);
    const replay = await post(k, limitBuy());
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.text).toBe(done.text);
    expect(await h.venueOrders()).toHaveLength(1);
  });

  it("the same key from two callers is two keys", async () => {
    const k = key();
    const other = (await apiTokenFor("trader")).token;
    const a = await post(k, limitBuy());
    const b = await post(k, limitBuy(), other);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect((a.json.order as { id: string }).id).not.toBe((b.json.order as { id: string }).id);
    expect(await h.venueOrders()).toHaveLength(2);
  });

  it("requires a well-formed Idempotency-Key", async () => {
    const missing = await post(undefined, limitBuy());
    expect(missing.status).toBe(400);
    expect(missing.json.code).toBe("idempotency_key_missing");
    for (const bad of ["x".repeat(256), "caf\u00e9", "tab\there"]) {
      const response = await callRoute(postOrder, {
        method: "POST",
        path: "/api/orders",
        token: h.token,
        json: limitBuy(),
        headers: { "idempotency-key": bad },
      }).catch(() => ({ status: 400, json: { code: "idempotency_key_invalid" } }));
      expect(response.status).toBe(400);
      expect(response.json.code).toBe("idempotency_key_invalid");
    }
  });

  it("a bot's wrong field names and symbols are named with what it meant", async () => {
    const { symbol: _, quantity: __, ...rest } = limitBuy();
    const misnamed = await post(key(), { ...rest, symbol: "BTC/USDT", qty: "0.001" });
    expect(misnamed.status).toBe(400);
    expect(misnamed.json.errors).toEqual([
      { field: "quantity", message: "quantity is required" },
      { field: "qty", message: 'unknown field "qty" (did you mean "quantity"?)' },
    ]);
    for (const symbol of ["BTCUSDT", "BTC-USD"]) {
      const unknown = await post(key(), limitBuy({ symbol }));
      expect(unknown.status).toBe(400);
      const [error] = unknown.json.errors as { field: string; message: string }[];
      expect(error?.field).toBe("symbol");
      expect(error?.message).toContain(`unknown symbol ${symbol} (did you mean BTC/USDT?)`);
      expect(error?.message).toContain("ETH/USDT");
    }
  });

  it("validation failure is not stored: the corrected retry with the same key succeeds", async () => {
    const k = key();
    const bad = await post(k, limitBuy({ price: "43250.505", quantity: "0.000015" }));
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("validation_failed");
    expect(bad.json.errors).toEqual(
      expect.arrayContaining([
        { field: "price", message: "price must be a multiple of the tick size 0.01" },
        { field: "quantity", message: "quantity must be a multiple of the lot size 0.00001" },
      ]),
    );
    const shapes = await post(k, limitBuy({ quantity: 0.001, price: "1e3", side: "hold" }));
    expect(shapes.status).toBe(400);
    expect((shapes.json.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual([
      "price",
      "quantity",
      "side",
    ]);
    const unknown = await post(k, limitBuy({ symbol: "NOPE/USDT" }));
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([
      { field: "symbol", message: "unknown symbol NOPE/USDT; instruments: BTC/USDT, ETH/USDT, SOL/USDT" },
    ]);
    const small = await post(k, limitBuy({ quantity: "0.0001", price: "40000" }));
    expect(small.json.errors).toEqual([
      { field: "quantity", message: "quantity x price must be at least the minimum notional 5" },
    ]);
    expect(await prisma().idempotencyRecord.count({ where: { key: k } })).toBe(0);
    const fixed = await post(k, limitBuy({ price: "43250.5" }));
    expect(fixed.status).toBe(201);
  });

  it("kill switch engaged: 423 and nothing stored; after release the same key places the order", async () => {
    await engageKillSwitch({ scope: "global", reason: "test halt", source: "manual", actor: "test" });
    const k = key();
    const halted = await post(k, limitBuy());
    expect(halted.status).toBe(423);
    expect(halted.json.code).toBe("kill_switch_engaged");
    expect(await prisma().idempotencyRecord.count({ where: { key: k } })).toBe(0);
    expect(await h.venueOrders()).toHaveLength(0);
    await releaseKillSwitch({ scope: "global", reason: "test over", source: "manual", actor: "test" });
    expect((await post(k, limitBuy())).status).toBe(201);
  });

  it("risk limit on notional: 422 risk_limit_exceeded, not stored", async () => {
    const k = key();
    const big = await post(k, limitBuy({ quantity: "5", price: "60000" }));
    expect(big.status).toBe(422);
    expect(big.json.code).toBe("risk_limit_exceeded");
    expect(await prisma().idempotencyRecord.count({ where: { key: k } })).toBe(0);
  });

  it("open orders per symbol: racing requests never take a symbol past its limit", async () => {
    const limit = env().RISK_MAX_OPEN_ORDERS_PER_SYMBOL;
    const live = () =>
      prisma().order.count({ where: { symbol: "ETH/USDT", status: { in: [...LIVE_STATUSES] } } });
    const room = limit - (await live());
    expect(room).toBeGreaterThan(0);
    const resting = limitBuy({ symbol: "ETH/USDT", quantity: "0.01", price: "1500" });
    const responses = await Promise.all(Array.from({ length: room + 10 }, () => post(key(), resting)));
    const refused = responses.filter((r) => r.status === 422);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(room);
    expect(refused).toHaveLength(10);
    for (const r of refused) expect(r.json.code).toBe("risk_limit_exceeded");
    expect(await live()).toBe(limit);
    expect((await h.venueOrders()).filter((o) => o.symbol === "ETHUSDT")).toHaveLength(room);
  }, 60_000);

  it("a venue rejection is definitive: 422 order_rejected with the order, stored and replayed", async () => {
    const k = key();
    const body = limitBuy({ quantity: "4", price: "59000" }); // 236000 USDT with 1,000,000: fine; twice: no
    expect((await post(key(), body)).status).toBe(201);
    expect((await post(key(), body)).status).toBe(201);
    expect((await post(key(), body)).status).toBe(201);
    expect((await post(key(), body)).status).toBe(201);
    const rejected = await post(k, body);
    expect(rejected.status).toBe(422);
    expect(rejected.json.code).toBe("order_rejected");
    expect(rejected.json.order).toMatchObject({ status: "rejected" });
    expect((rejected.json.order as { rejectReason: string }).rejectReason).toMatch(/balance|insufficient/i);
    const replay = await post(k, body);
    expect(replay.status).toBe(422);
    expect(replay.text).toBe(rejected.text);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
  });

  it("timeout after execute: one venue order, reported 201 after the lookup", async () => {
    await simControl(h.sim, "POST", "faults", {
      dropResponseAfterExecute: 1,
      endpoints: ["POST order"],
      seed: 3,
    });
    const k = key();
    const response = await post(k, limitBuy());
    await simControl(h.sim, "DELETE", "faults");
    expect(response.status).toBe(201);
    const order = response.json.order as { clientOrderId: string; status: string };
    expect(order.status).toBe("open");
    expect(await h.venueOrders()).toHaveLength(1);
    expect(await h.venueOrders(order.clientOrderId)).toHaveLength(1);
    const record = await prisma().idempotencyRecord.findFirstOrThrow({ where: { key: k } });
    expect(record.state).toBe("completed");
  });

  it("an expired key counts as new: a second, distinct order", async () => {
    const k = key();
    const first = await post(k, limitBuy());
    await prisma().idempotencyRecord.updateMany({
      where: { key: k },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const second = await post(k, limitBuy());
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    const a = first.json.order as { id: string; clientOrderId: string };
    const b = second.json.order as { id: string; clientOrderId: string };
    expect(b.id).not.toBe(a.id);
    expect(b.clientOrderId).not.toBe(a.clientOrderId);
    expect(await h.venueOrders()).toHaveLength(2);
  });

  it("GET /api/idempotency/{key}: the caller's stored outcome, 404 otherwise", async () => {
    const k = key();
    const placed = await post(k, limitBuy());
    const outcome = await callRoute(getIdempotency, {
      path: `/api/idempotency/${encodeURIComponent(k)}`,
      params: { key: k },
      token: h.token,
    });
    expect(outcome.status).toBe(200);
    expect(outcome.json).toMatchObject({
      key: k,
      state: "completed",
      response: { status: 201, body: placed.json },
    });
    const stranger = (await apiTokenFor("viewer")).token;
    const theirs = await callRoute(getIdempotency, {
      path: "/api/idempotency/x",
      params: { key: k },
      token: stranger,
    });
    expect(theirs.status).toBe(404);
    expect(theirs.json.code).toBe("idempotency_key_not_found");
  });
});
