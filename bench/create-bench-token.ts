import { randomUUID } from "node:crypto";

/** Signs in to a launched copy as the admin and returns a fresh API token with the given role. */
export async function createBenchToken(options: {
  origin: string;
  adminPassword: string;
  name: string;
  role: "viewer" | "trader" | "risk";
}): Promise<string> {
  const { origin } = options;
  const login = await fetch(`${origin}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ username: "admin", password: options.adminPassword }),
  });
  if (!login.ok) throw new Error(`admin sign-in failed: ${login.status}`);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const created = await fetch(`${origin}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, cookie, "idempotency-key": randomUUID() },
    body: JSON.stringify({ name: options.name, role: options.role }),
  });
  const { token } = (await created.json()) as { token?: string };
  if (!created.ok || !token) throw new Error(`could not create an API token: ${created.status}`);
  return token;
}
