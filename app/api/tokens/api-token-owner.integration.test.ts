import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { callRoute, TEST_ORIGIN } from "@/test/http-client";
import { signedInUser, TEST_PASSWORD } from "@/test/principals";
import { resetDatabase } from "@/test/reset-database";
import { GET as me } from "../me/route";
import { PATCH as patchUser } from "../users/[id]/route";
import { POST as createUserRoute, GET as listUsers } from "../users/route";
import { POST as createToken, GET as listTokens } from "./route";

beforeEach(resetDatabase);

const post = (
  handler: Parameters<typeof callRoute>[0],
  auth: { cookie?: string; token?: string },
  json: unknown,
) =>
  callRoute(handler, {
    method: "POST",
    headers: { origin: TEST_ORIGIN, "idempotency-key": randomUUID() },
    json,
    ...auth,
  });

describe("API token ownership", () => {
  it("a disabled owner's token is refused, and a demoted owner's token acts with the owner's new role", async () => {
    const admin = await signedInUser("risk", "admin");
    const risk2 = await signedInUser("risk", "risk2");
    const minted = await post(createToken, { cookie: risk2.cookie }, { name: "risk2-bot", role: "risk" });
    expect(minted.status).toBe(201);
    const token = minted.json.token as string;

    const disable = await callRoute(patchUser, {
      method: "PATCH",
      cookie: admin.cookie,
      headers: { origin: TEST_ORIGIN },
      params: { id: risk2.user.id },
      json: { disabled: true },
    });
    expect(disable.status).toBe(200);
    expect((await callRoute(me, { cookie: risk2.cookie })).status).toBe(401);
    const asDisabled = await callRoute(listUsers, { token });
    expect(asDisabled.status).toBe(401);
    expect(asDisabled.json.code).toBe("token_owner_disabled");
    const created = await post(
      createUserRoute,
      { token },
      { username: "risk3", password: TEST_PASSWORD, role: "risk" },
    );
    expect(created.status).toBe(401);

    const reenable = await callRoute(patchUser, {
      method: "PATCH",
      cookie: admin.cookie,
      headers: { origin: TEST_ORIGIN },
      params: { id: risk2.user.id },
      json: { disabled: false, role: "viewer" },
    });
    expect(reenable.status).toBe(200);
    expect((await callRoute(me, { token })).json).toMatchObject({ kind: "token", role: "viewer" });
    expect((await callRoute(listUsers, { token })).status).toBe(403);
    expect((await post(createToken, { token }, { name: "again", role: "risk" })).status).toBe(403);
  });

  it("refuses to mint a token above the creator's own role", async () => {
    // The tokens route is risk-only, so this rule guards every other caller of createApiToken.
    const trader = await signedInUser("trader");
    const actor = {
      kind: "user" as const,
      id: trader.user.id,
      name: trader.user.username,
      role: trader.user.role,
      sessionId: "test",
    };
    await expect(createApiToken({ actor, name: "above", role: "risk" })).rejects.toMatchObject({
      kind: "forbidden",
      code: "token_role_above_owner",
    });
    const same = await createApiToken({ actor, name: "same", role: "trader" });
    expect(same.apiToken.owner).toEqual({ id: trader.user.id, username: trader.user.username });
  });

  it("lists each token with its owner", async () => {
    const owner = await signedInUser("risk", "desk-lead");
    await post(createToken, { cookie: owner.cookie }, { name: "mm-bot", role: "trader" });
    const listed = await callRoute(listTokens, { cookie: owner.cookie });
    expect(listed.status).toBe(200);
    expect(listed.json.tokens).toEqual([
      expect.objectContaining({ name: "mm-bot", owner: { id: owner.user.id, username: "desk-lead" } }),
    ]);
  });
});
