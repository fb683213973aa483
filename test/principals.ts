import { POST as loginRoute } from "../app/api/auth/login/route";
import { createApiToken } from "../lib/auth/api-tokens";
import type { Role } from "../lib/auth/roles";
import { createUser } from "../lib/auth/users";
import { callRoute, TEST_ORIGIN } from "./http-client";

export const TEST_PASSWORD = "correct-horse-battery";

const system = { kind: "system" as const, name: "test" };

/** Creates a user and signs in through the real login route; returns the cookie to send. */
export async function signedInUser(
  role: Role,
  username = `${role}-${Math.random().toString(36).slice(2, 8)}`,
) {
  const user = await createUser({ actor: system, username, password: TEST_PASSWORD, role });
  const response = await callRoute(loginRoute, {
    method: "POST",
    path: "/api/auth/login",
    headers: { origin: TEST_ORIGIN },
    json: { username, password: TEST_PASSWORD },
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.text}`);
  const setCookie = response.headers.get("set-cookie") ?? "";
  return { user, cookie: setCookie.split(";")[0]! };
}

export async function apiTokenFor(role: Role) {
  const { user } = await signedInUser("risk");
  const actor = {
    kind: "user" as const,
    id: user.id,
    name: user.username,
    role: user.role,
    sessionId: "test",
  };
  const { token, apiToken } = await createApiToken({ actor, name: `${role}-bot`, role });
  return { token, apiToken };
}
