import { expect, type Page, test } from "@playwright/test";
import { E2E_SIM_PORT } from "../playwright.config";
import { ADMIN, signIn } from "./support/users";

/** The e2e server's simulated venue (scripts/start.ts spawns it on TALLY_SIM_PORT). */
async function sim(method: "POST" | "DELETE", path: string, body?: unknown) {
  const response = await fetch(`http://127.0.0.1:${E2E_SIM_PORT}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
}

const orderBook = (page: Page) => page.getByRole("region", { name: /^Order book/ });
const marketData = (page: Page) => orderBook(page).getByRole("status").filter({ hasText: "Market data:" });
const bids = (page: Page) => orderBook(page).getByRole("table", { name: "Bids" });
const asks = (page: Page) => orderBook(page).getByRole("table", { name: "Asks" });
const priceOf = async (button: ReturnType<Page["getByRole"]>) => Number(await button.textContent());

async function openTradePage(page: Page) {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/trade$/);
  await expect(marketData(page)).toHaveText("Market data: Live", { timeout: 30_000 });
}

test.describe.configure({ timeout: 120_000 });

test.afterEach(async () => {
  await sim("DELETE", "/__sim/faults");
  await sim("POST", "/__sim/market", { running: true });
});

test("the ladder, depth chart and trades tape show live data from the venue", async ({ page }) => {
  await openTradePage(page);
  await expect(page.getByRole("heading", { name: "Order book BTC/USDT" })).toBeVisible();
  for (const side of [bids(page), asks(page)]) {
    await expect(side.getByRole("columnheader")).toHaveText(["Price", "Size", "Total"]);
    await expect(side.getByRole("row")).toHaveCount(21);
  }
  const bestBid = await priceOf(bids(page).getByRole("button").first());
  const bestAsk = await priceOf(asks(page).getByRole("button").last());
  expect(bestBid).toBeGreaterThan(1_000);
  expect(bestAsk).toBeGreaterThan(bestBid);
  await expect(page.getByText(/^Spread \d+(\.\d+)?$/)).toBeVisible();
  await expect(page.getByText(/^Mid \d+(\.\d+)?$/)).toBeVisible();

  // Live: the book keeps changing while the indicator says so.
  const before = await bids(page).textContent();
  await expect.poll(() => bids(page).textContent(), { timeout: 15_000 }).not.toBe(before);
  await expect(marketData(page)).toHaveText("Market data: Live");

  const chart = page.getByRole("img", { name: "Depth chart of BTC/USDT" });
  await expect(chart).toHaveAccessibleDescription(/^Cumulative bids \d+(\.\d+)? BTC, asks \d+(\.\d+)? BTC/);
  await expect(chart.locator("path.recharts-area-area")).toHaveCount(2);
  const description = await chart.getAttribute("aria-describedby");
  const summary = page.locator(`[id="${description}"]`);
  const firstSummary = await summary.textContent();
  await expect.poll(() => summary.textContent(), { timeout: 15_000 }).not.toBe(firstSummary);

  const tape = page.getByRole("table", { name: "Recent trades, newest first" });
  await expect(tape.getByRole("row").nth(1)).toBeVisible({ timeout: 30_000 });
  await expect(tape.getByRole("row").nth(1).getByRole("cell").nth(3)).toHaveText(/^(Buy|Sell)$/);
});

test("a frozen market shows stale on its own, a clicked level fills the ticket's price, and the book comes back live", async ({
  page,
}) => {
  await openTradePage(page);
  await sim("POST", "/__sim/market", { running: false });
  await expect(marketData(page)).toHaveText("Market data: Stale", { timeout: 10_000 });
  await expect(orderBook(page).getByText(/no update for \d+ s|the venue's data is delayed/)).toBeVisible();

  const level = bids(page).getByRole("button").nth(2);
  const price = (await level.textContent()) ?? "";
  await level.click();
  await expect(bids(page).getByRole("button", { name: price, exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(bids(page).getByRole("button", { pressed: true })).toHaveCount(1);
  const ticket = page.getByRole("region", { name: "Order ticket" });
  await expect(ticket.getByLabel("Price", { exact: true })).toHaveValue(price);

  await sim("POST", "/__sim/market", { running: true });
  await expect(marketData(page)).toHaveText("Market data: Live", { timeout: 20_000 });
});

test("killing the venue's stream is shown as not live, and the book recovers", async ({ page }) => {
  await openTradePage(page);
  await sim("POST", "/__sim/faults", { wsDisconnectEveryMs: 300 });
  await expect(marketData(page)).toHaveText(/Market data: (Stale|Reconnecting|Resyncing)/, {
    timeout: 15_000,
  });

  await sim("DELETE", "/__sim/faults");
  await expect(marketData(page)).toHaveText("Market data: Live", { timeout: 60_000 });
  await expect(bids(page).getByRole("row")).toHaveCount(21);
  const before = await bids(page).textContent();
  await expect.poll(() => bids(page).textContent(), { timeout: 15_000 }).not.toBe(before);
});

test("switching symbol and depth resubscribes the book", async ({ page }) => {
  await openTradePage(page);
  await orderBook(page).getByLabel("Symbol", { exact: true }).selectOption("ETH/USDT");
  await expect(page.getByRole("heading", { name: "Order book ETH/USDT" })).toBeVisible();
  await expect(marketData(page)).toHaveText("Market data: Live", { timeout: 30_000 });
  await expect
    .poll(() => priceOf(bids(page).getByRole("button").first()), { timeout: 15_000 })
    .toBeLessThan(20_000);
  await orderBook(page).getByLabel("Depth", { exact: true }).selectOption("10");
  await expect(bids(page).getByRole("row")).toHaveCount(11);
  await expect(asks(page).getByRole("row")).toHaveCount(11);
  await expect(page.getByRole("img", { name: "Depth chart of ETH/USDT" })).toBeVisible();
});
