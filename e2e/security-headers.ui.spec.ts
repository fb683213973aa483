import { expect, test } from "@playwright/test";
import { watchCspViolations } from "./support/csp-violations";
import { ADMIN, signIn } from "./support/users";

test.describe.configure({ timeout: 120_000 });

test("every page hydrates and works under the CSP, with no violation reported", async ({ page }) => {
  const violations = watchCspViolations(page);

  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await signIn(page, ADMIN.username, ADMIN.password);
  // Client-side navigation after sign-in proves the login page's scripts ran.
  await expect(page).toHaveURL(/\/trade$/);

  // Trade: the order book over SSE and the Recharts depth chart.
  const book = page.getByRole("region", { name: /^Order book/ });
  await expect(book.getByRole("status").filter({ hasText: "Market data:" })).toHaveText("Market data: Live", {
    timeout: 30_000,
  });
  await expect(
    page.getByRole("img", { name: "Depth chart of BTC/USDT" }).locator("path.recharts-area-area"),
  ).toHaveCount(2);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  await expect(page).toHaveURL(/\/orders/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await page.goto("/audit");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/reconciliation");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  expect(violations).toEqual([]);
});
