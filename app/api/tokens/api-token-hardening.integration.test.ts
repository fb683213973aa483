import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { callRoute, TEST_ORIGIN } from "@/test/http-client";
import { signedInUser } from "@/test/principals";
import { resetDatabase } from "@/test/reset-database";
import { GET as me } from "../me/route";
import { POST as createToken, GET as listTokens } from "./route";

beforeEach(resetDatabase);

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function create(cookie: string, json: unknown, key: string = randomUUID()) {
  return callRoute(createToken, {
    method: "POST",
    path: "/api/tokens",
    cookie,
    headers: { origin: TEST_ORIGIN, "idempotency-key": key },
    json,
  });
}

async function deniedAudits(tokenId: string) {
  return prisma().auditLog.findMany({
    where: { action: "auth.token", actorId: tokenId },
    orderBy: { seq: "asc" },
  });
}

describe("API token expiry", () => {
  it("works until its expiry, then is refused with token_expired and audited", async () => {
    const admin = await signedInUser("risk");
    const created = await create(admin.cookie, { name: "bot", role: "trader", expiresAt: inDays(30) });
    expect(created.status).toBe(201);
    const token = created.json.token as string;
    const id = created.json.id as string;
    expect((await callRoute(me, { token })).status).toBe(200);

    await prisma()
      .$executeRaw`UPDATE "ApiToken" SET "expiresAt" = now() - interval '1 minute' WHERE id = ${id}::uuid`;
    const refused = await callRoute(me, {
      token,
      ip: "198.51.100.20",
      headers: { "user-agent": "bot/1.0" },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.json.code).toBe("token_expired");

    const audits = await deniedAudits(id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorType: "token",
      actorName: "bot",
      outcome: "denied",
      ip: "198.51.100.20",
      userAgent: "bot/1.0",
      target: `token:${id}`,
      details: { reason: "expired" },
    });
  });
});

describe("API token address allowlist", () => {
  it("is accepted from inside its ranges (IPv4, IPv4-mapped, IPv6) and refused and audited from outside", async () => {
    const admin = await signedInUser("risk");
    const created = await create(admin.cookie, {
      name: "lan-bot",
      role: "viewer",
      allowedCidrs: ["10.0.0.0/8", "2001:DB8::/32"],
    });
    expect(created.status).toBe(201);
    const token = created.json.token as string;
    const id = created.json.id as string;

    for (const ip of ["10.1.2.3", "::ffff:10.9.9.9", "2001:db8:1::5"]) {
      expect((await callRoute(me, { token, ip })).status, ip).toBe(200);
    }
    for (const ip of ["192.168.0.1", "2001:db9::1"]) {
      const refused = await callRoute(me, { token, ip });
      expect(refused.status, ip).toBe(401);
      expect(refused.json.code).toBe("token_address_not_allowed");
    }
    const audits = await deniedAudits(id);
    expect(audits.map((a) => [a.ip, a.outcome, a.details])).toEqual([
      ["192.168.0.1", "denied", { reason: "address_not_allowed" }],
      ["2001:db9::1", "denied", { reason: "address_not_allowed" }],
    ]);
  });

  it("shows expiry and normalised ranges in the token list", async () => {
    const admin = await signedInUser("risk");
    const expiresAt = inDays(7);
    await create(admin.cookie, {
      name: "listed",
      role: "viewer",
      expiresAt,
      allowedCidrs: ["10.1.2.3/8", "::ffff:192.0.2.0/120", "10.0.0.0/8"],
    });
    const listed = await callRoute(listTokens, { cookie: admin.cookie });
    const [token] = listed.json.tokens as Record<string, unknown>[];
    expect(token).toMatchObject({
      name: "listed",
      expiresAt: new Date(expiresAt).toISOString(),
      allowedCidrs: ["10.0.0.0/8", "192.0.2.0/24"],
    });
  });
});

describe("API token validation", () => {
  it.each([
    [{ allowedCidrs: ["10.0.0.0/8", "10.0.0.0/33"] }, "allowedCidrs.1"],
    [{ allowedCidrs: ["not-an-address"] }, "allowedCidrs.0"],
    [{ allowedCidrs: Array.from({ length: 21 }, (_, i) => `10.0.${i}.0/24`) }, "allowedCidrs"],
    [{ expiresAt: new Date(Date.now() - 60_000).toISOString() }, "expiresAt"],
    [{ expiresAt: inDays(366) }, "expiresAt"],
    [{ expiresAt: "next tuesday" }, "expiresAt"],
  ])("refuses %j with 400 problem+json naming the field", async (extra, field) => {
    const admin = await signedInUser("risk");
    const response = await create(admin.cookie, { name: "bad", role: "viewer", ...extra });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.json.code).toBe("validation_failed");
    expect((response.json.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    expect(await prisma().apiToken.count()).toBe(0);
  });

  it("keeps its permissions: a trader cannot create tokens, a risk token not from outside its ranges", async () => {
    const trader = await signedInUser("trader");
    const refused = await create(trader.cookie, { name: "x", role: "viewer" });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe("insufficient_role");
    const risk = await signedInUser("risk");
    const asBot = await create(risk.cookie, { name: "risk-bot", role: "risk", allowedCidrs: ["10.0.0.0/8"] });
    const fromOutside = await callRoute(createToken, {
      method: "POST",
      token: asBot.json.token as string,
      ip: "192.0.2.1",
      headers: { "idempotency-key": randomUUID() },
      json: { name: "y", role: "viewer" },
    });
    expect(fromOutside.status).toBe(401);
    expect(await prisma().apiToken.count()).toBe(1);
  });
});

describe("API token secrets and the idempotency store", () => {
  it("answers the secret once; the stored outcome and a replay never hold it", async () => {
    const admin = await signedInUser("risk");
    const key = randomUUID();
    const json = { name: "keyed", role: "trader" };
    const first = await create(admin.cookie, json, key);
    expect(first.status).toBe(201);
    expect(first.json.secretShown).toBe(true);
    const secret = first.json.token as string;
    expect(secret).toMatch(/^tly_/);

    const records = await prisma().idempotencyRecord.findMany();
    expect(records).toHaveLength(1);
    expect(records[0]!.state).toBe("completed");
    const stored = JSON.stringify(records);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.slice(4));

    const replay = await create(admin.cookie, json, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.json).toEqual({ id: first.json.id, apiToken: first.json.apiToken, secretShown: false });
    expect(replay.text).not.toContain(secret);
    expect(await prisma().apiToken.count()).toBe(1);
  });

  it("requires an Idempotency-Key", async () => {
    const admin = await signedInUser("risk");
    const response = await callRoute(createToken, {
      method: "POST",
      cookie: admin.cookie,
      headers: { origin: TEST_ORIGIN },
      json: { name: "unkeyed", role: "viewer" },
    });
    expect(response.status).toBe(400);
    expect(await prisma().apiToken.count()).toBe(0);
  });
});
