import { expect, test } from "@playwright/test";
import { ADMIN, PASSWORD, signIn } from "./support/users";

test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/trade$/);
  await page.goto("/admin");
});

test("the user form says in the page what is wrong, and confirms a new user", async ({ page }) => {
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByLabel("New username")).toHaveAccessibleDescription("Enter a username.");
  await expect(form.getByLabel("New password")).toHaveAccessibleDescription("Enter a password.");
  await form.getByLabel("New username").fill("Not Valid");
  await form.getByLabel("New password").fill("short");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByLabel("New username")).toHaveAccessibleDescription(/lowercase letters, digits/);
  await expect(form.getByLabel("New password")).toHaveAccessibleDescription("At least 12 characters.");

  const username = `ops-new-${Date.now().toString(36)}`;
  await form.getByLabel("New username").fill(username);
  await form.getByLabel("New password").fill(PASSWORD);
  await form.getByLabel("New user role").selectOption("trader");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("users-notice")).toHaveText(`User ${username} created with role trader.`);
  await expect(form.getByLabel("New username")).not.toHaveAttribute("aria-invalid", "true");
});

test("a role is changed in the page, and disabling asks first", async ({ page, request, baseURL }) => {
  const username = `ops-role-${Date.now().toString(36)}`;
  await request.post("/api/auth/login", { data: ADMIN, headers: { origin: baseURL! } });
  const created = await request.post("/api/users", {
    data: { username, password: PASSWORD, role: "viewer" },
    headers: { origin: baseURL! },
  });
  expect(created.status()).toBe(201);
  await page.reload();

  await page.getByLabel(`Role of ${username}`).selectOption("trader");
  await expect(page.getByTestId("users-notice")).toContainText(`${username} is now trader`);
  await page.reload();
  await expect(page.getByLabel(`Role of ${username}`)).toHaveValue("trader");

  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: username, exact: true }) });
  await page.getByRole("button", { name: `Disable ${username}` }).click();
  const dialog = page.getByRole("dialog", { name: `Disable ${username}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row.getByRole("cell", { name: "active", exact: true })).toBeVisible();

  await page.getByRole("button", { name: `Disable ${username}` }).click();
  await dialog.getByRole("button", { name: "Disable" }).click();
  await expect(row.getByRole("cell", { name: "disabled", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `Enable ${username}` })).toBeVisible();
});

test("a new token's secret is copied with one click, and revoking asks first", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const form = page.getByRole("form", { name: "Create API token" });
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByLabel("Token name")).toHaveAccessibleDescription("Enter a name for the token.");

  const name = `bot-${Date.now().toString(36)}`;
  await form.getByLabel("Token name").fill(name);
  await form.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("issued-token").textContent()) ?? "";
  expect(secret).toMatch(/^tly_/);
  const copy = page.getByRole("button", { name: `Copy the secret of token ${name}` });
  await copy.click();
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke token ${name}?` });
  await dialog.getByRole("button", { name: "Keep" }).click();
  await expect(page.getByRole("button", { name: `Revoke ${name}` })).toBeVisible();
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row.getByRole("cell", { name: "revoked", exact: true })).toBeVisible();
});

test("a token restricted to addresses shows them; a bad range is named at its input", async ({ page }) => {
  const form = page.getByRole("form", { name: "Create API token" });
  const name = `lan-bot-${Date.now().toString(36)}`;
  await form.getByLabel("Token name").fill(name);
  await form.getByLabel("Allowed addresses (CIDR, optional)").fill("10.0.0.0/33");
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByLabel("Allowed addresses (CIDR, optional)")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Allowed addresses (CIDR, optional)").fill("10.1.0.0/16, 2001:db8::/32");
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("issued-token")).toHaveText(/^tly_/);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row.getByRole("cell", { name: "10.1.0.0/16, 2001:db8::/32" })).toBeVisible();
  await expect(row.getByRole("cell", { name: "never" }).last()).toBeVisible();
});
