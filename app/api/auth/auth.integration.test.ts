import { beforeEach, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { prisma } from "@/lib/db/prisma";
import { callRoute, TEST_ORIGIN } from "@/test/http-client";
import { signedInUser, TEST_PASSWORD } from "@/test/principals";
import { resetDatabase } from "@/test/reset-database";
import { GET as me } from "../me/route";
import { PATCH as patchUser } from "../users/[id]/route";
import { POST as login } from "./login/route";
import { POST as logout } from "./logout/route";

const system = { kind: "system" as const, name: "test" };
const signIn = (username: string, password: string, ip = "10.0.0.1") =>
  callRoute(login, { method: "POST", headers: { origin: TEST_ORIGIN }, json: { username, password }, ip });

beforeEach(resetDatabase);

describe("login", () => {
  it("opens a session with a hardened cookie and the user's role", async () => {
    await createUser({ actor: system, username: "alice", password: TEST_PASSWORD, role: "trader" });
    const response = await signIn("alice", TEST_PASSWORD);
    expect(response.status).toBe(200);
    expect(response.json.user).toMatchObject({ username: "alice", role: "trader" });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^tally_session=[\w-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).not.toContain("Secure");
    const session = await callRoute(me, { cookie: cookie.split(";")[0] });
    expect(session.json).toMatchObject({ kind: "user", name: "alice", role: "trader" });
  });

  it("marks the cookie Secure under HTTPS", async () => {
    await createUser({ actor: system, username: "alice", password: TEST_PASSWORD, role: "viewer" });
    const response = await callRoute(login, {
      method: "POST",
      headers: { origin: TEST_ORIGIN, "x-forwarded-proto": "https" },
      json: { username: "alice", password: TEST_PASSWORD },
    });
    expect(response.headers.get("set-cookie")).toContain("Secure");
  });

  it("refuses a wrong password and an unknown user alike, and audits both", async () => {
    await createUser({ actor: system, username: "alice", password: TEST_PASSWORD, role: "viewer" });
    const wrong = await signIn("alice", "not-the-password");
    const unknown = await signIn("mallory", TEST_PASSWORD);
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.json.code).toBe("invalid_credentials");
      expect(response.headers.get("set-cookie")).toBeNull();
    }
    const audit = await prisma().auditLog.findMany({ where: { action: "auth.login", outcome: "failure" } });
    expect(audit.map((row) => (row.details as { reason: string }).reason).sort()).toEqual([
      "unknown_user",
      "wrong_password",
    ]);
  });

  it("refuses a disabled user even with the right password", async () => {
    const user = await createUser({
      actor: system,
      username: "alice",
      password: TEST_PASSWORD,
      role: "viewer",
    });
    await prisma().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    const response = await signIn("alice", TEST_PASSWORD);
    expect(response.status).toBe(403);
    expect(response.json.code).toBe("user_disabled");
  });

  it("rejects a body that is not JSON or misses fields with problem+json", async () => {
    const malformed = await callRoute(login, {
      method: "POST",
      headers: { origin: TEST_ORIGIN, "content-type": "application/json" },
      body: "{nope",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.code).toBe("malformed_json");
    const missing = await callRoute(login, { method: "POST", headers: { origin: TEST_ORIGIN }, json: {} });
    expect(missing.status).toBe(400);
    expect(missing.json.code).toBe("validation_failed");
    expect((missing.json.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      "password",
      "username",
    ]);
  });

  it("refuses a sign-in posted from a foreign origin (login CSRF)", async () => {
    await createUser({ actor: system, username: "alice", password: TEST_PASSWORD, role: "viewer" });
    const response = await callRoute(login, {
      method: "POST",
      headers: { origin: "https://evil.example" },
      json: { username: "alice", password: TEST_PASSWORD },
    });
    expect(response.status).toBe(403);
    expect(response.json.code).toBe("origin_check_failed");
  });
});

describe("login throttling", () => {
  it("answers 429 with Retry-After on the 6th attempt for one username from one address", async () => {
    await createUser({ actor: system, username: "alice", password: TEST_PASSWORD, role: "viewer" });
    for (let i = 0; i < 5; i++) {
      expect((await signIn("alice", "wrong-password", "10.0.1.1")).status).toBe(401);
    }
    const blocked = await signIn("alice", TEST_PASSWORD, "10.0.1.1");
    expect(blocked.status).toBe(429);
    expect(blocked.json.code).toBe("login_throttled");
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it("does not lock out other users behind the same address", async () => {
    await createUser({ actor: system, username: "trader1", password: TEST_PASSWORD, role: "trader" });
    await createUser({ actor: system, username: "admin", password: TEST_PASSWORD, role: "risk" });
    for (let i = 0; i < 5; i++) await signIn("trader1", "wrong-password", "10.0.3.1");
    expect((await signIn("admin", TEST_PASSWORD, "10.0.3.1")).status).toBe(200);
  });

  it("throttles one username guessed from many addresses", async () => {
    await createUser({ actor: system, username: "alice", password: TEST_PASSWORD, role: "viewer" });
    for (let i = 0; i < 20; i++) await signIn("alice", "wrong-password", `10.0.4.${i}`);
    const blocked = await signIn("alice", TEST_PASSWORD, "10.0.5.1");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("throttles one address that sprays many usernames, at a much higher count", async () => {
    await createUser({ actor: system, username: "alice", password: TEST_PASSWORD, role: "viewer" });
    for (let i = 0; i < 99; i++) await signIn(`user${i}`, "wrong-password", "10.9.9.9");
    expect((await signIn("alice", TEST_PASSWORD, "10.9.9.9")).status).toBe(200);
    await signIn("user99", "wrong-password", "10.9.9.9");
    expect((await signIn("alice", TEST_PASSWORD, "10.9.9.9")).status).toBe(429);
    expect((await signIn("alice", TEST_PASSWORD, "10.9.9.10")).status).toBe(200);
  });

  it("counts only the last minute", async () => {
    await createUser({ actor: system, username: "alice", password: TEST_PASSWORD, role: "viewer" });
    for (let i = 0; i < 5; i++) await signIn("alice", "wrong-password");
    await prisma().loginAttempt.updateMany({ data: { createdAt: new Date(Date.now() - 61_000) } });
    expect((await signIn("alice", TEST_PASSWORD)).status).toBe(200);
  });
});

describe("sessions", () => {
  it("logout revokes the session server-side and clears the cookie", async () => {
    const { cookie } = await signedInUser("viewer");
    const response = await callRoute(logout, { method: "POST", cookie, headers: { origin: TEST_ORIGIN } });
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toContain("Max-Age=0");
    const after = await callRoute(me, { cookie });
    expect(after.status).toBe(401);
    expect(after.json.code).toBe("not_authenticated");
  });

  it("expires after the idle timeout", async () => {
    const { cookie, user } = await signedInUser("viewer");
    await prisma().session.updateMany({
      where: { userId: user.id },
      data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) },
    });
    const response = await callRoute(me, { cookie });
    expect(response.status).toBe(401);
    expect(response.json.code).toBe("session_expired");
  });

  it("expires at the absolute limit even when active", async () => {
    const { cookie, user } = await signedInUser("viewer");
    await prisma().session.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect((await callRoute(me, { cookie })).json.code).toBe("session_expired");
  });

  it("refuses a tampered cookie", async () => {
    const { cookie } = await signedInUser("viewer");
    const tampered = `${cookie.slice(0, -2)}xx`;
    const response = await callRoute(me, { cookie: tampered });
    expect(response.status).toBe(401);
    expect(response.text).not.toMatch(/at .*\.ts/);
  });

  it("disabling a user ends their open sessions at once", async () => {
    const admin = await signedInUser("risk");
    const victim = await signedInUser("trader");
    const response = await callRoute(patchUser, {
      method: "PATCH",
      cookie: admin.cookie,
      headers: { origin: TEST_ORIGIN },
      params: { id: victim.user.id },
      json: { disabled: true },
    });
    expect(response.status).toBe(200);
    expect((await callRoute(me, { cookie: victim.cookie })).status).toBe(401);
  });

  it("an operator cannot disable themselves", async () => {
    const admin = await signedInUser("risk");
    const response = await callRoute(patchUser, {
      method: "PATCH",
      cookie: admin.cookie,
      headers: { origin: TEST_ORIGIN },
      params: { id: admin.user.id },
      json: { disabled: true },
    });
    expect(response.status).toBe(409);
    expect(response.json.code).toBe("cannot_change_self");
  });
});
