import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { openLocalDatabase } from "../lib/db/local-database";
import { placeForeignOrder } from "./support/sim";
import { ensureUser, PASSWORD, signIn } from "./support/users";

const RISK = "e2e-recon-risk";
const TRADER = "e2e-recon-trader";

const mismatchRow = (page: Page, clientOrderId: string) =>
  page.getByRole("table", { name: "Mismatches" }).getByRole("row").filter({ hasText: clientOrderId });

async function openDashboard(page: Page, username: string) {
  await signIn(page, username, PASSWORD);
  await expect(page).toHaveURL(/\/trade$/);
  await page.goto("/reconciliation");
  await expect(page.getByRole("heading", { name: "Reconciliation", level: 1 })).toBeVisible();
  await expect(page.getByText("Updates: live")).toBeVisible({ timeout: 15_000 });
}

/** With E2E_SCREENSHOTS_DIR set, the dashboard is captured at the two desk sizes operators use. */
async function capture(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS_DIR;
  if (!dir) return;
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${dir}/${name}-${width}x${height}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Rows of the audit trail for a target, read from the e2e server's own database. */
async function auditRows(target: string) {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set (run through npm run test:e2e)");
  const db = await openLocalDatabase(dataDir);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const result = await client.query<{ action: string; outcome: string; actorName: string }>(
      `SELECT action, outcome, "actorName" FROM "AuditLog" WHERE target = $1 ORDER BY at`,
      [target],
    );
    return result.rows;
  } finally {
    await client.end();
    await db.close();
  }
}

test.beforeAll(async ({ request, baseURL }) => {
  await ensureUser(request, baseURL ?? "", RISK, "risk");
  await ensureUser(request, baseURL ?? "", TRADER, "trader");
});

test("a mismatch from the venue appears live for a second operator; a double-clicked resolve is one resolution, audited", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const first = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const second = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await openDashboard(first, RISK);
  await openDashboard(second, TRADER);

  // Someone places an order on our account outside Tally, far from the market so it rests.
  const clientOrderId = `e2e-foreign-${Date.now()}`;
  await placeForeignOrder({ clientOrderId, quantity: "0.00123", price: "25000" });

  // Runs leave venue changes younger than the settle margin to the next run: ask until one reports it.
  await expect
    .poll(
      async () => {
        await first.getByRole("button", { name: "Run now" }).click();
        await first.waitForTimeout(1_000);
        return mismatchRow(second, clientOrderId).count();
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBe(1);
  // The second operator never reloaded: the row arrived over the event stream.
  await expect(mismatchRow(second, clientOrderId)).toContainText("Order placed outside Tally");
  await expect(mismatchRow(second, clientOrderId)).toContainText("open");

  await expect(mismatchRow(first, clientOrderId)).toHaveCount(1);
  await capture(second, "reconciliation-list");
  await mismatchRow(first, clientOrderId).getByRole("button", { name: "Order placed outside Tally" }).click();
  const detail = first.getByRole("article");
  const compare = detail.getByRole("table", { name: "Expected and actual" });
  await expect(compare.getByRole("columnheader", { name: "Tally (expected)" })).toBeVisible();
  await expect(compare.getByRole("columnheader", { name: "Venue (actual)" })).toBeVisible();
  await expect(compare.locator("tr[data-differs=true]").first()).toBeVisible();
  await expect(compare).toContainText("0.00123");

  await capture(first, "reconciliation-detail");
  const resolve = detail.getByRole("form", { name: "Resolve" });
  await resolve.getByRole("textbox").fill("placed by the desk on the venue's site; canceled there");
  await resolve.getByRole("button", { name: "Resolve" }).dblclick();
  await expect(detail.locator(".mismatch-detail-facts")).toContainText("resolved");

  // Both operators see it resolved: it leaves the unresolved list on the second screen, live.
  await expect(mismatchRow(second, clientOrderId)).toHaveCount(0, { timeout: 15_000 });
  await expect(mismatchRow(first, clientOrderId)).toHaveCount(0);

  const url = new URL(first.url());
  const mismatchId = url.searchParams.get("mismatch") ?? "";
  expect(mismatchId).not.toBe("");
  const answer = await first.request.get(`/api/reconciliation/mismatches/${mismatchId}`);
  const body = (
    (await answer.json()) as { mismatch: { status: string; timeline: { action: string; actor: string }[] } }
  ).mismatch;
  expect(body.status).toBe("resolved");
  expect(body.timeline.filter((entry) => entry.action === "resolved")).toEqual([
    expect.objectContaining({ actor: RISK }),
  ]);
  await second.goto(`/reconciliation?status=resolved&mismatch=${mismatchId}`);
  await expect(second.getByRole("article").locator(".mismatch-detail-facts")).toContainText("resolved");

  const audited = (await auditRows(mismatchId)).filter(
    (row) => row.action === "reconciliation.mismatch_resolve",
  );
  expect(audited).toEqual([
    { action: "reconciliation.mismatch_resolve", outcome: "success", actorName: RISK },
  ]);
});
