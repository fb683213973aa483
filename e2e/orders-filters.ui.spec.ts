import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { ensureUser, PASSWORD, signIn } from "./support/users";

const TRADER = "e2e-orders-filters-trader";
// No other spec trades SOL/USDT: together with `from`, the orders of this file are the only ones listed.
const SYMBOL = "SOL/USDT";
// The simulator trades SOL around 150: these prices rest on the book.
const BUY_PRICE = "50";
const SELL_PRICE = "500";

type PlacedOrder = { id: string; quantity: string };

/** The orders this file places, newest last; quantities tell them apart in the table. */
const orders = {
  openBuy: { side: "buy", quantity: "0.101" },
  canceledBuy: { side: "buy", quantity: "0.102" },
  openSell: { side: "sell", quantity: "0.103" },
  newestBuy: { side: "buy", quantity: "0.104" },
} as const;

let trader: APIRequestContext;
let placed: Record<keyof typeof orders, PlacedOrder>;
/** Just before the first order of this file: the `from` of every view below. */
let since: string;

async function placeOrder(side: "buy" | "sell", quantity: string): Promise<PlacedOrder> {
  const response = await trader.post("/api/orders", {
    headers: { "idempotency-key": crypto.randomUUID() },
    data: {
      symbol: SYMBOL,
      side,
      type: "limit",
      quantity,
      price: side === "buy" ? BUY_PRICE : SELL_PRICE,
      timeInForce: "GTC",
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { order } = (await response.json()) as { order: { id: string } };
  return { id: order.id, quantity };
}

async function cancelOrder(order: PlacedOrder) {
  const response = await trader.post(`/api/orders/${order.id}/cancel`, {
    headers: { "idempotency-key": crypto.randomUUID() },
  });
  expect([200, 409], await response.text()).toContain(response.status());
}

const ordersTable = (page: Page) => page.getByRole("table", { name: "Orders" });
/** The Quantity column (6th) of the listed orders, top to bottom. */
const shownQuantities = (page: Page) => ordersTable(page).locator("tbody tr td:nth-child(7)");
const statusBox = (page: Page, label: string) =>
  page.getByRole("group", { name: "Status" }).getByRole("checkbox", { name: label, exact: true });
const ownOrders = (extra = "") =>
  `/orders?symbol=${encodeURIComponent(SYMBOL)}&from=${encodeURIComponent(since)}${extra}`;

async function openOrdersPage(page: Page, path: string) {
  await signIn(page, TRADER, PASSWORD);
  await expect(page).toHaveURL(/\/trade$/);
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
}

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async ({ request, baseURL, playwright }) => {
  await ensureUser(request, baseURL!, TRADER, "trader");
  trader = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  const login = await trader.post("/api/auth/login", { data: { username: TRADER, password: PASSWORD } });
  expect(login.status()).toBe(200);
  since = new Date(Date.now() - 1_000).toISOString();
  const openBuy = await placeOrder("buy", orders.openBuy.quantity);
  const canceledBuy = await placeOrder("buy", orders.canceledBuy.quantity);
  const openSell = await placeOrder("sell", orders.openSell.quantity);
  const newestBuy = await placeOrder("buy", orders.newestBuy.quantity);
  await cancelOrder(canceledBuy);
  placed = { openBuy, canceledBuy, openSell, newestBuy };
});

test.afterAll(async () => {
  // Nothing stays resting at the venue for the specs that follow.
  for (const order of [placed.openBuy, placed.openSell, placed.newestBuy]) await cancelOrder(order);
  await trader.dispose();
});

test("filters by side and status live in the URL, survive a reload and follow live updates", async ({
  page,
}) => {
  // The From field shows local time only after hydration: server and browser HTML must agree.
  const reactErrors: string[] = [];
  page.on("pageerror", (error) => reactErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && /hydrat|React error #4(18|23|25)/i.test(message.text()))
      reactErrors.push(message.text());
  });
  await openOrdersPage(page, ownOrders());
  await expect(shownQuantities(page)).toHaveText(["0.104", "0.103", "0.102", "0.101"]);
  await expect(page.getByLabel("Symbol", { exact: true })).toHaveValue(SYMBOL);
  await expect(page.getByLabel("From", { exact: true })).not.toHaveValue("");

  await page.getByLabel("Side", { exact: true }).selectOption("buy");
  await expect(page).toHaveURL(/[?&]side=buy(&|$)/);
  await expect(shownQuantities(page)).toHaveText(["0.104", "0.102", "0.101"]);

  await statusBox(page, "canceled").check();
  await expect(page).toHaveURL(/[?&]status=canceled(&|$)/);
  await expect(shownQuantities(page)).toHaveText(["0.102"]);
  await expect(ordersTable(page).locator("tbody tr")).toContainText(["canceled"]);

  await statusBox(page, "canceled").uncheck();
  await statusBox(page, "open").check();
  await expect(page).toHaveURL(/[?&]status=open(&|$)/);
  await expect(shownQuantities(page)).toHaveText(["0.104", "0.101"]);

  // A shared or reloaded link shows the same view.
  await page.reload();
  await expect(page.getByLabel("Side", { exact: true })).toHaveValue("buy");
  await expect(statusBox(page, "open")).toBeChecked();
  await expect(statusBox(page, "canceled")).not.toBeChecked();
  await expect(shownQuantities(page)).toHaveText(["0.104", "0.101"]);

  // Canceled behind the page's back: the event stream takes it out of the "open" view, no reload.
  await expect(page.getByText("Updates: live")).toBeVisible({ timeout: 15_000 });
  await cancelOrder(placed.openBuy);
  // Well inside the 10 s safety poll.
  await expect(shownQuantities(page)).toHaveText(["0.104"], { timeout: 8_000 });

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByLabel("Side", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Symbol", { exact: true })).toHaveValue("");
  await expect(statusBox(page, "open")).not.toBeChecked();
  await expect(page.getByRole("button", { name: "Clear filters" })).toBeDisabled();
  await expect(shownQuantities(page).filter({ hasText: /^0\.10[1-4]$/ })).toHaveCount(4);
  expect(reactErrors).toEqual([]);
});

test("Load more appends the next page until there is none", async ({ page }) => {
  await openOrdersPage(page, ownOrders("&side=buy&limit=2"));
  await expect(shownQuantities(page)).toHaveText(["0.104", "0.102"]);
  await expect(page.getByText("2 orders shown, more to load")).toBeVisible();
  const loadMore = page.getByRole("button", { name: "Load more" });
  await loadMore.click();
  await expect(shownQuantities(page)).toHaveText(["0.104", "0.102", "0.101"]);
  await expect(page.getByText("3 orders shown", { exact: true })).toBeVisible();
  await expect(loadMore).toHaveCount(0);
});

test("a From after To is shown inline and never sent", async ({ page }) => {
  const sent: URL[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (request.method() === "GET" && url.pathname === "/api/orders") sent.push(url);
  });
  await openOrdersPage(page, ownOrders());
  await expect(shownQuantities(page)).toHaveCount(4);

  const to = page.getByLabel("To", { exact: true });
  await page.getByLabel("From", { exact: true }).fill("2030-05-02T10:00");
  await expect(shownQuantities(page)).toHaveCount(0);
  await expect(page.getByText("No orders match these filters.")).toBeVisible();
  await to.fill("2030-05-01T10:00");
  await expect(to).toHaveAttribute("aria-invalid", "true");
  await expect(to).toHaveAccessibleDescription("To must be later than From");
  await expect(page.getByRole("alert").filter({ hasText: "To must be later than From" })).toBeVisible();
  await expect(ordersTable(page)).toHaveCount(0);
  // Long enough for a request to have gone out, had one been made.
  await page.waitForTimeout(500);
  expect(sent.filter((url) => url.searchParams.has("to"))).toEqual([]);

  await to.fill("2030-05-03T10:00");
  await expect(to).not.toHaveAttribute("aria-invalid", "true");
  await expect.poll(() => sent.filter((url) => url.searchParams.has("to")).length).toBeGreaterThan(0);
  await expect(page.getByText("No orders match these filters.")).toBeVisible();
});

test("an API error is shown with its detail instead of an empty table, and Retry recovers", async ({
  page,
}) => {
  let failing = true;
  await page.route(
    (url) => url.pathname === "/api/orders",
    async (route) => {
      if (!failing || route.request().method() !== "GET") return route.fallback();
      await route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: "about:blank#database_unavailable",
          title: "Service Unavailable",
          status: 503,
          code: "database_unavailable",
          detail: "The database is not reachable",
          requestId: "e2e-request",
        }),
      });
    },
  );
  await openOrdersPage(page, ownOrders());
  // After two automatic retries (about 3 s): a server error may be transient.
  await expect(page.getByRole("alert").filter({ hasText: "Orders could not be loaded" })).toHaveText(
    /The database is not reachable \(HTTP 503, database_unavailable, request e2e-request\)/,
    { timeout: 15_000 },
  );
  await expect(ordersTable(page)).toHaveCount(0);

  failing = false;
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(shownQuantities(page)).toHaveCount(4);
  await expect(page.getByRole("alert").filter({ hasText: "could not be loaded" })).toHaveCount(0);
});
