import { type APIRequestContext, expect, type Page } from "@playwright/test";

export const ADMIN = { username: "admin", password: "e2e-admin-password" };
export const PASSWORD = "e2e-password-1234";

/** Makes sure a user with this role exists, created through the admin API as a real operator would. */
export async function ensureUser(
  request: APIRequestContext,
  baseURL: string,
  username: string,
  role: string,
) {
  const login = await request.post("/api/auth/login", { data: ADMIN, headers: { origin: baseURL } });
  expect(login.status()).toBe(200);
  const created = await request.post("/api/users", {
    data: { username, password: PASSWORD, role },
    headers: { origin: baseURL },
  });
  expect([201, 409]).toContain(created.status());
  await request.post("/api/auth/logout", { headers: { origin: baseURL } });
}

export async function signIn(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
