import { expect, type Locator, type Page, test } from "@playwright/test";
import { setSyntheticMarketRunning } from "./support/sim";
import { ensureUser, PASSWORD, signIn } from "./support/users";

// The Trade page as an operator's terminal: what is on screen together, and the same digits everywhere.
const TRADER = "e2e-terminal-trader";
const VIEWER = "e2e-terminal-viewer";
// Far below the market (the simulator trades BTC around 60000), so the order rests open.
const RESTING_PRICE = "30000.5";

const ticket = (page: Page) => page.getByRole("form", { name: "Order ticket" });
const placeButton = (page: Page) => ticket(page).getByRole("button", { name: "Place order" });
const openOrders = (page: Page) => page.getByRole("table", { name: "Open orders" });
const bids = (page: Page) => page.getByRole("table", { name: "Bids" });
const asks = (page: Page) => page.getByRole("table", { name: "Asks" });

let quantitySeq = 0;
/** 0.00151, 0.00152, …: a quantity of this file only, with a last digit that is not zero. */
const freshQuantity = () => `0.00${151 + quantitySeq++ * 3 + Math.floor(Math.random() * 2)}`;

/** The API as the signed-in page calls it (the server checks the Origin of every write). */
const apiHeaders = (page: Page) => ({
  origin: new URL(page.url()).origin,
  "idempotency-key": crypto.randomUUID(),
});

async function placeRestingOrder(page: Page, quantity: string, price = RESTING_PRICE) {
  const placed = await page.request.post("/api/orders", {
    headers: apiHeaders(page),
    data: { symbol: "BTC/USDT", side: "buy", type: "limit", quantity, price, timeInForce: "GTC" },
  });
  expect(placed.status()).toBe(201);
  return ((await placed.json()) as { order: { id: string } }).order.id;
}

async function cancelOrder(page: Page, id: string) {
  await page.request.post(`/api/orders/${id}/cancel`, { headers: apiHeaders(page) });
}

/** The element's box lies wholly inside the viewport. */
async function expectWithinViewport(page: Page, locator: Locator, what: string) {
  await expect(locator).toBeVisible({ timeout: 30_000 });
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, `${what} has a box`).not.toBeNull();
  expect(box!.x, `${what} left`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${what} top`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} right`).toBeLessThanOrEqual(viewport.width);
  expect(box!.y + box!.height, `${what} bottom`).toBeLessThanOrEqual(viewport.height);
}

async function signInAs(page: Page, username: string) {
  await signIn(page, username, PASSWORD);
  await expect(page).toHaveURL(/\/trade$/);
}

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async ({ request, baseURL }) => {
  await ensureUser(request, baseURL!, TRADER, "trader");
  await ensureUser(request, baseURL!, VIEWER, "viewer");
});

test.afterEach(async () => {
  await setSyntheticMarketRunning(true);
});

test("at 1280x720 the ladder, the ticket's submit button and the open orders are on screen together", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await signInAs(page, TRADER);
  const id = await placeRestingOrder(page, freshQuantity());
  try {
    await expect(bids(page).getByRole("row")).toHaveCount(21, { timeout: 30_000 });
    await expectWithinViewport(page, page.locator(".ladder"), "the ladder");
    await expectWithinViewport(page, asks(page).getByRole("button").last(), "the best ask");
    await expectWithinViewport(page, bids(page).getByRole("button").first(), "the best bid");
    await expectWithinViewport(page, placeButton(page), "Place order");
    await expectWithinViewport(page, openOrders(page).getByRole("row").nth(1), "the first open order");
  } finally {
    await cancelOrder(page, id);
  }
});

test("at 1024 px the ticket is on screen after a price is clicked", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await signInAs(page, TRADER);
  const level = bids(page).getByRole("button").nth(1);
  await expect(level).toBeVisible({ timeout: 30_000 });
  await setSyntheticMarketRunning(false);
  await page.waitForTimeout(500);
  const price = (await level.textContent()) ?? "";
  await level.click();
  const priceField = ticket(page).getByLabel("Price", { exact: true });
  await expect(priceField).toHaveValue(price);
  await expectWithinViewport(page, priceField, "the ticket's price");
  await expectWithinViewport(page, placeButton(page), "Place order");
});

test("a viewer's book and blotter use the whole width, with no empty ticket column", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, VIEWER);
  const book = page.getByRole("region", { name: /^Order book/ });
  const blotter = page.getByRole("region", { name: "Blotter" });
  await expect(book).toBeVisible();
  for (const [part, name] of [
    [book, "the book"],
    [blotter, "the blotter"],
  ] as const) {
    const box = (await part.boundingBox())!;
    expect(box.width, `${name} width`).toBeGreaterThan(1440 * 0.9);
  }
  await expectWithinViewport(page, blotter.getByRole("heading", { name: "Open orders" }), "the open orders");
});

test("the trades tape shows whole rows and the depth chart its last price label", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, TRADER);
  const tape = page.getByRole("table", { name: "Recent trades, newest first" });
  await expect(tape.getByRole("row").nth(3)).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(1_000);
  const clipped = await page.evaluate(() => {
    const problems: string[] = [];
    const scroll = document.querySelector(".trades-tape-scroll")!.getBoundingClientRect();
    for (const row of document.querySelectorAll(".trades-tape-scroll tbody tr")) {
      const box = row.getBoundingClientRect();
      if (box.top < scroll.bottom && box.bottom > scroll.bottom + 0.5)
        problems.push(`tape row ${box.top}-${box.bottom} cut at ${scroll.bottom}`);
    }
    const chart = document.querySelector('[role=img][aria-label^="Depth chart"]')!.getBoundingClientRect();
    const labels = document.querySelectorAll('[class*="xAxis"] .recharts-cartesian-axis-tick-value');
    if (labels.length === 0) problems.push("no price labels on the depth chart");
    for (const label of labels) {
      const box = label.getBoundingClientRect();
      if (box.right > chart.right + 0.5 || box.left < chart.left - 0.5)
        problems.push(
          `axis label "${label.textContent}" ${box.left}-${box.right} outside ${chart.left}-${chart.right}`,
        );
    }
    return problems;
  });
  expect(clipped).toEqual([]);
});

test("a price shows with the tick's digits in the ladder, the ticket's message and the blotter", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, TRADER);
  await expect(ticket(page).getByLabel("Symbol")).toHaveValue("BTC/USDT", { timeout: 30_000 });
  // A round price, which a trimmed display would show as "30000" and the ladder as "30000.00".
  const quantity = freshQuantity();
  const form = ticket(page);
  await form.getByLabel("Quantity").fill(quantity);
  await form.getByLabel("Price", { exact: true }).fill("30000");
  await placeButton(page).click();
  await expect(form.getByTestId("ticket-status")).toContainText(`buy ${quantity} BTC/USDT at 30000.00`);
  const row = openOrders(page)
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: quantity, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell", { name: "30000.00", exact: true })).toHaveCount(1);
  // The ladder's prices have the same two digits.
  await expect(bids(page).getByRole("button").first()).toHaveText(/^\d+\.\d{2}$/);
  const id = await row.getAttribute("data-order-id");
  await cancelOrder(page, id!);
});

test("a cancel is confirmed and the ticket stops calling the order open", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, TRADER);
  await expect(ticket(page).getByLabel("Symbol")).toHaveValue("BTC/USDT", { timeout: 30_000 });
  const quantity = freshQuantity();
  await ticket(page).getByLabel("Quantity").fill(quantity);
  await ticket(page).getByLabel("Price", { exact: true }).fill(RESTING_PRICE);
  await placeButton(page).click();
  await expect(ticket(page).getByTestId("ticket-order-status")).toHaveText("open");
  await page.getByRole("button", { name: `Cancel buy ${quantity} BTC/USDT at 30000.50` }).click();
  await expect(page.getByTestId("cancel-confirmation")).toHaveText(
    `Canceled buy ${quantity} BTC/USDT at 30000.50.`,
  );
  await expect(ticket(page).getByTestId("ticket-order-status")).toHaveText("canceled");
});

test("the Orders page shows who placed an order, copies its id and opens its events and fills", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAs(page, TRADER);
  const placed = await page.request.post("/api/orders", {
    headers: apiHeaders(page),
    data: { symbol: "BTC/USDT", side: "buy", type: "market", quantity: "0.00031" },
  });
  expect(placed.status()).toBe(201);
  const { order } = (await placed.json()) as { order: { id: string } };

  await page.goto("/orders");
  const row = page.locator(`tr[data-order-id="${order.id}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell").first()).toContainText(order.id.slice(0, 8));
  await expect(row.getByRole("cell").nth(10)).toHaveText(TRADER);
  await row.getByRole("button", { name: `Copy order id ${order.id}` }).click();
  await expect(row.getByRole("button", { name: `Copy order id ${order.id}` })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(order.id);

  await row.getByRole("link", { name: order.id.slice(0, 8) }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));
  await expect(page.getByTestId("order-status")).toHaveText("filled", { timeout: 15_000 });
  await expect(page.getByRole("table", { name: "Fills" }).getByRole("row").nth(1)).toBeVisible();
  await expect(page.getByRole("table", { name: "Order events" }).getByRole("row").nth(1)).toBeVisible();
  await expect(page.getByRole("main").getByText(TRADER, { exact: true })).toBeVisible();
});
