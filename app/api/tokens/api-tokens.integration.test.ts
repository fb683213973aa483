import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { callRoute, TEST_ORIGIN } from "@/test/http-client";
import { signedInUser } from "@/test/principals";
import { resetDatabase } from "@/test/reset-database";
import { GET as me } from "../me/route";
import { DELETE as revokeToken } from "./[id]/route";
import { POST as createToken, GET as listTokens } from "./route";

beforeEach(resetDatabase);

describe("API tokens", () => {
  it("are shown once, stored hashed, carry their role, and stop working when revoked", async () => {
    const admin = await signedInUser("risk");
    const created = await callRoute(createToken, {
      method: "POST",
      cookie: admin.cookie,
      headers: { origin: TEST_ORIGIN, "idempotency-key": randomUUID() },
      json: { name: "market-maker", role: "trader" },
    });
    expect(created.status).toBe(201);
    const token = created.json.token as string;
    expect(token).toMatch(/^tly_[\w-]{43}$/);

    const stored = await prisma().apiToken.findFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));
    const listed = await callRoute(listTokens, { cookie: admin.cookie });
    expect(listed.text).not.toContain(token);

    const asBot = await callRoute(me, { token });
    expect(asBot.json).toMatchObject({ kind: "token", name: "market-maker", role: "trader" });

    const revoked = await callRoute(revokeToken, {
      method: "DELETE",
      cookie: admin.cookie,
      headers: { origin: TEST_ORIGIN },
      params: { id: created.json.id as string },
    });
    expect(revoked.status).toBe(200);
    const after = await callRoute(me, { token });
    expect(after.status).toBe(401);
    expect(after.json.code).toBe("token_revoked");
    expect(
      await prisma().auditLog.count({ where: { action: { in: ["token.create", "token.revoke"] } } }),
    ).toBe(2);
  });

  it("rejects unknown and malformed bearer credentials", async () => {
    expect((await callRoute(me, { token: "tly_doesnotexist" })).json.code).toBe("invalid_token");
    const malformed = await callRoute(me, { headers: { authorization: "Basic abc" } });
    expect(malformed.status).toBe(401);
    expect(malformed.json.code).toBe("invalid_token");
  });

  it("answers 404 problem+json when revoking a token that does not exist", async () => {
    const admin = await signedInUser("risk");
    const response = await callRoute(revokeToken, {
      method: "DELETE",
      cookie: admin.cookie,
      headers: { origin: TEST_ORIGIN },
      params: { id: "00000000-0000-4000-8000-000000000000" },
    });
    expect(response.status).toBe(404);
    expect(response.json.code).toBe("token_not_found");
  });
});
