import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { prisma } from "@/lib/db/prisma";
import { sql } from "@/lib/db/sql";
import { callRoute, TEST_ORIGIN } from "@/test/http-client";
import { type OrderTestHarness, startOrderTestHarness } from "@/test/order-test-harness";
import { signedInUser, TEST_PASSWORD } from "@/test/principals";
import { POST as login } from "../auth/login/route";
import { POST as logout } from "../auth/logout/route";
import { POST as cancelOrder } from "../orders/[id]/cancel/route";
import { POST as postOrder } from "../orders/route";
import { DELETE as revokeToken } from "../tokens/[id]/route";
import { POST as createToken } from "../tokens/route";
import { PATCH as patchUser } from "../users/[id]/route";
import { POST as createUser } from "../users/route";
import { GET as getAudit } from "./route";

let h: OrderTestHarness;
let risk: Awaited<ReturnType<typeof signedInUser>>;
const UA = "audit-test-agent/1.0";
const asRisk = { cookie: "", headers: { origin: TEST_ORIGIN, "user-agent": UA }, ip: "10.1.2.3" };

beforeAll(async () => {
  h = await startOrderTestHarness();
  risk = await signedInUser("risk", "rita");
  asRisk.cookie = risk.cookie;
});
afterAll(async () => {
  await h?.close();
});

const entries = (where: { action: string; target?: string }) =>
  prisma().auditLog.findMany({ where, orderBy: { seq: "asc" } });

const order = { symbol: "BTC/USDT", side: "buy", type: "limit", quantity: "0.001", price: "30000" };

describe("the audit trail records every state-changing action with the principal as actor", () => {
  it("sign-ins (also failed), sign-outs, users and tokens", async () => {
    const failed = await callRoute(login, {
      method: "POST",
      headers: { origin: TEST_ORIGIN, "user-agent": UA },
      ip: "10.9.9.9",
      json: { username: "rita", password: "not-the-password-at-all" },
    });
    expect(failed.status).toBe(401);
    const [failure] = await prisma().auditLog.findMany({
      where: { action: "auth.login", outcome: "failure" },
    });
    expect(failure).toMatchObject({ actorType: "anonymous", actorName: null, ip: "10.9.9.9", userAgent: UA });
    expect(failure?.details).toMatchObject({ reason: "wrong_password", username: "rita" });

    const created = await callRoute(createUser, {
      ...asRisk,
      method: "POST",
      json: { username: "victor", password: TEST_PASSWORD, role: "viewer" },
    });
    expect(created.status).toBe(201);
    const userId = (created.json.user as { id: string }).id;
    await callRoute(patchUser, {
      ...asRisk,
      method: "PATCH",
      params: { id: userId },
      json: { role: "trader" },
    });
    const token = await callRoute(createToken, {
      ...asRisk,
      headers: { ...asRisk.headers, "idempotency-key": "audit-test-token" },
      method: "POST",
      json: { name: "bot", role: "trader" },
    });
    const tokenId = token.json.id as string;
    await callRoute(revokeToken, { ...asRisk, method: "DELETE", params: { id: tokenId } });

    const byRisk = {
      actorType: "user",
      actorId: risk.user.id,
      actorName: "rita",
      role: "risk",
      ip: "10.1.2.3",
      userAgent: UA,
      outcome: "success",
    };
    expect(await entries({ action: "user.create", target: `user:${userId}` })).toEqual([
      expect.objectContaining(byRisk),
    ]);
    const [update] = await entries({ action: "user.update", target: `user:${userId}` });
    expect(update).toMatchObject(byRisk);
    expect(update?.before).toEqual({ role: "viewer", disabled: false });
    expect(update?.after).toEqual({ role: "trader", disabled: false });
    expect(update?.requestId).toMatch(/\S/);
    expect(await entries({ action: "token.create", target: `token:${tokenId}` })).toEqual([
      expect.objectContaining(byRisk),
    ]);
    expect(await entries({ action: "token.revoke", target: `token:${tokenId}` })).toEqual([
      expect.objectContaining(byRisk),
    ]);

    await callRoute(logout, { ...asRisk, method: "POST" });
    const [signOut] = await entries({ action: "auth.logout" });
    expect(signOut).toMatchObject(byRisk);
    risk = await signedInUser("risk", "rita2");
    asRisk.cookie = risk.cookie;
  });

  it("order submits, their replays and cancels, with the token as actor and the Idempotency-Key", async () => {
    const tokenRow = await prisma().apiToken.findFirstOrThrow({ where: { revokedAt: null, role: "trader" } });
    const place = (key: string) =>
      callRoute(postOrder, {
        method: "POST",
        path: "/api/orders",
        token: h.token,
        json: order,
        headers: { "idempotency-key": key },
      });
    const placed = await place("audit-place-1");
    expect(placed.status).toBe(201);
    const id = (placed.json.order as { id: string }).id;
    const replay = await place("audit-place-1");
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const canceled = await callRoute(cancelOrder, {
      method: "POST",
      path: `/api/orders/${id}/cancel`,
      params: { id },
      token: h.token,
      headers: { "idempotency-key": "audit-cancel-1" },
    });
    expect(canceled.status).toBe(200);

    const byToken = { actorType: "token", actorId: tokenRow.id, actorName: tokenRow.name, role: "trader" };
    expect(await entries({ action: "order.place", target: id })).toEqual([
      expect.objectContaining({ ...byToken, idempotencyKey: "audit-place-1", outcome: "success" }),
    ]);
    expect(await entries({ action: "order.place.replay", target: id })).toEqual([
      expect.objectContaining({ ...byToken, idempotencyKey: "audit-place-1" }),
    ]);
    expect(await entries({ action: "order.cancel", target: id })).toEqual([
      expect.objectContaining({ ...byToken, idempotencyKey: "audit-cancel-1" }),
    ]);
    expect((await verifyAuditChain(sql())).problem).toBeNull();
  });
});

describe("GET /api/audit", () => {
  const get = (query: string, options: { cookie?: string } = {}) =>
    callRoute(getAudit, { path: `/api/audit${query}`, cookie: options.cookie ?? risk.cookie });

  it("filters by actor, action, target and time, newest first, page by page", async () => {
    const all = await get("?action=order.place&limit=1");
    expect(all.status).toBe(200);
    const first = all.json.entries as { seq: string; action: string }[];
    expect(first).toHaveLength(1);
    expect(first[0]?.action).toMatch(/^order\.place/);
    const next = await get(`?action=order.place&limit=1&cursor=${all.json.nextCursor as string}`);
    const second = next.json.entries as { seq: string }[];
    expect(BigInt(second[0]?.seq ?? "0")).toBeLessThan(BigInt(first[0]?.seq ?? "0"));

    const byActor = await get("?actor=rita&action=token");
    expect((byActor.json.entries as { action: string }[]).map((e) => e.action)).toEqual([
      "token.revoke",
      "token.create",
    ]);
    const future = await get(`?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future.json.entries).toEqual([]);
    expect((await get("?cursor=abc")).status).toBe(400);
  });

  it("is for the risk role only", async () => {
    const viewer = await signedInUser("viewer");
    expect((await get("", { cookie: viewer.cookie })).status).toBe(403);
  });

  it("exports the filtered view as CSV, a cell starting with = made inert", async () => {
    await prisma().$executeRaw`
      INSERT INTO "AuditLog" ("actorType", "actorName", action, outcome, target)
      VALUES ('system', '=HYPERLINK("http://evil.example","x")', 'test.csv', 'success', 'csv:1'),
             ('system', 'plain', 'test.other', 'success', 'csv:2')`;
    const response = await get("?format=csv&action=test.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="tally-audit-.*\.csv"$/,
    );
    const lines = response.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "seq,at,actorType,actorId,actorName,role,ip,userAgent,action,outcome,target,idempotencyKey,requestId,before,after,details,prevHash,hash",
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,system,,"'=HYPERLINK(""http://evil.example"",""x"")",`);
    expect(lines[1]).toContain(",test.csv,success,csv:1,");
    expect(await entries({ action: "audit.export" })).toEqual([
      expect.objectContaining({
        actorId: risk.user.id,
        details: expect.objectContaining({ action: "test.csv" }),
      }),
    ]);
  });
});
