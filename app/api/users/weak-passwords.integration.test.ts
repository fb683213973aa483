import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { callRoute, TEST_ORIGIN } from "@/test/http-client";
import { signedInUser } from "@/test/principals";
import { resetDatabase } from "@/test/reset-database";
import { POST as createUserRoute } from "./route";

beforeEach(resetDatabase);

async function createAs(cookie: string, username: string, password: string) {
  return callRoute(createUserRoute, {
    method: "POST",
    cookie,
    headers: { origin: TEST_ORIGIN },
    json: { username, password, role: "trader" },
  });
}

describe("POST /api/users password policy", () => {
  it.each([
    ["twelve spaces", "bob", " ".repeat(12), "password: must not be only spaces"],
    ["the username", "trader.bob-01", "TRADER.BOB-01", "password: must not be the username"],
    ["a common password", "bob", "password1234", "password: is a commonly used password; choose another"],
  ])("refuses %s with 400 weak_password", async (_, username, password, detail) => {
    const admin = await signedInUser("risk");
    const response = await createAs(admin.cookie, username, password);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.json).toMatchObject({ code: "weak_password", detail });
    expect(response.json.requestId).toEqual(expect.any(String));
    expect(await prisma().user.count({ where: { username } })).toBe(0);
  });

  it("accepts a good password", async () => {
    const admin = await signedInUser("risk");
    const response = await createAs(admin.cookie, "bob", "plum-kettle-orbit-42");
    expect(response.status).toBe(201);
    expect(response.json.user).toMatchObject({ username: "bob", role: "trader" });
  });
});
