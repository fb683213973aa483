import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN, ensureUser, PASSWORD, signIn } from "./support/users";

const TRADER = "e2e-audit-trader";

test.beforeAll(async ({ request, baseURL, playwright }) => {
  await ensureUser(request, baseURL!, TRADER, "trader");
  // A sign-in and a failed one for the trader: what the risk user looks for below.
  const trader = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  expect(
    (await trader.post("/api/auth/login", { data: { username: TRADER, password: PASSWORD } })).status(),
  ).toBe(200);
  await trader.dispose();
});

test("a risk user filters the audit trail, opens an entry and exports the filtered view as CSV", async ({
  page,
}) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/trade$/);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit", level: 1 })).toBeVisible();
  const trail = page.getByRole("region", { name: "Audit trail" });
  const table = trail.getByRole("table", { name: "Audit entries" });
  await expect(table.locator("tbody tr").first()).toBeVisible();

  await page.getByLabel("Actor").fill(TRADER);
  await page.getByLabel("Action").fill("auth.login");
  await expect(page).toHaveURL(new RegExp(`/audit\\?actor=${TRADER}&action=auth.login$`));
  await expect(trail.getByRole("status")).toHaveText("1 entry shown");
  const row = table.locator("tbody tr");
  await expect(row).toContainText(TRADER);
  await expect(row).toContainText("trader");
  await expect(row).toContainText("success");

  await row.getByRole("button", { name: "Details" }).click();
  const detail = page.getByRole("region", { name: /^Audit entry \d+$/ });
  await expect(detail).toContainText("auth.login");
  await expect(detail.getByText(/^[0-9a-f]{64}$/).first()).toBeVisible();

  // The filtered view survives a reload: it lives in the URL.
  await page.reload();
  await expect(page.getByLabel("Actor")).toHaveValue(TRADER);
  await expect(trail.getByRole("status")).toHaveText("1 entry shown");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const lines = readFileSync(file, "utf8").trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^seq,at,actorType,actorId,actorName,role,/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,user,`);
  expect(lines[1]).toContain(`,${TRADER},trader,`);
  expect(lines[1]).toContain(",auth.login,success,");
});
