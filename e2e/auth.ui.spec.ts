import { expect, test } from "@playwright/test";
import { ADMIN, ensureUser, PASSWORD, signIn } from "./support/users";

const NAV = {
  viewer: ["Trade", "Orders", "Reconciliation"],
  trader: ["Trade", "Orders", "Reconciliation"],
  risk: ["Trade", "Orders", "Reconciliation", "Audit", "Admin"],
} as const;

test.beforeAll(async ({ request, baseURL }) => {
  await ensureUser(request, baseURL!, "e2e-viewer", "viewer");
  await ensureUser(request, baseURL!, "e2e-trader", "trader");
});

for (const [role, username, password] of [
  ["viewer", "e2e-viewer", PASSWORD],
  ["trader", "e2e-trader", PASSWORD],
  ["risk", ADMIN.username, ADMIN.password],
] as const) {
  test(`a ${role} sees exactly the navigation of their role`, async ({ page }) => {
    await signIn(page, username, password);
    await expect(page).toHaveURL(/\/trade$/);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText([...NAV[role]]);
    await expect(page.getByTestId("current-user")).toHaveText(username);
    await expect(page.getByText("Database: connected")).toBeVisible();
  });
}

test("a sign-in whose next points off-site lands on this site", async ({ page, baseURL }) => {
  await page.goto("/login?next=/%5Cevil.example/phish");
  await page.getByLabel("Username").fill("e2e-viewer");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/trade$/);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

test("a sign-in follows a same-origin next", async ({ page }) => {
  await page.goto("/login?next=%2Forders%3Fstatus%3Dopen");
  await page.getByLabel("Username").fill("e2e-viewer");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/orders\?status=open$/);
});

test("a wrong password is announced and no session starts", async ({ page }) => {
  await signIn(page, "e2e-viewer", "definitely-wrong");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
  await page.goto("/trade");
  await expect(page).toHaveURL(/\/login$/);
});

test("logging out ends the session", async ({ page }) => {
  await signIn(page, "e2e-trader", PASSWORD);
  await expect(page).toHaveURL(/\/trade$/);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/orders");
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("a viewer cannot reach the admin page or its API", async ({ page }) => {
  await signIn(page, "e2e-viewer", PASSWORD);
  await expect(page).toHaveURL(/\/trade$/);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Users" })).toHaveCount(0);
  const users = await page.request.get("/api/users");
  expect(users.status()).toBe(403);
  expect(users.headers()["content-type"]).toBe("application/problem+json");
});

test("a risk operator creates a user and an API token from the admin page", async ({
  page,
  playwright,
  baseURL,
}) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/trade$/);
  await page.goto("/admin");
  const username = `ops-${Date.now().toString(36)}`;
  await page.getByLabel("New username").fill(username);
  await page.getByLabel("New password").fill("password1234");
  await page.getByLabel("New user role").selectOption("trader");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "password: is a commonly used password; choose another" }),
  ).toBeVisible();
  await page.getByLabel("New password").fill(PASSWORD);
  await page.getByLabel("New user role").selectOption("trader");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("cell", { name: username, exact: true })).toBeVisible();

  await page.getByLabel("Token name").fill("e2e-bot");
  await page.getByLabel("Token role").selectOption("viewer");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("issued-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^tly_/);
  const tokenRow = page.getByRole("row").filter({ hasText: "e2e-bot" }).first();
  await expect(tokenRow.getByRole("cell").nth(2)).toHaveText(ADMIN.username);

  const bot = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const me = await bot.get("/api/me");
  expect(await me.json()).toMatchObject({ kind: "token", role: "viewer" });
  await page.getByRole("button", { name: "Revoke e2e-bot" }).click();
  await page
    .getByRole("dialog", { name: "Revoke token e2e-bot?" })
    .getByRole("button", { name: "Revoke" })
    .click();
  await expect(page.getByRole("button", { name: "Revoke e2e-bot" })).toHaveCount(0);
  expect((await bot.get("/api/me")).status()).toBe(401);
  await bot.dispose();
});
