import { expect, type Page, test } from "@playwright/test";
import Decimal from "decimal.js";
import { cancelAtVenue, setSyntheticMarketRunning, venueOrders } from "./support/sim";
import { ensureUser, PASSWORD, signIn } from "./support/users";

const TRADER = "e2e-orders-trader";
const VIEWER = "e2e-orders-viewer";
// Far below the market (the simulator trades BTC around 60000), so every order rests open.
const RESTING_PRICE = "30000";
/** The same price as every table and button shows it: by the instrument's tick of 0.01. */
const RESTING_PRICE_SHOWN = "30000.00";

const usedQuantities = new Set<string>();
/** A quantity no other order in this run has, so counts in the blotter and at the venue are unambiguous. */
function freshQuantity(): string {
  for (;;) {
    // 0.00101 to 0.00999 BTC in lots of 0.00001, last digit non-zero so the text has no trailing zero.
    const lots = 101 + Math.floor(Math.random() * 899);
    if (lots % 10 === 0) continue;
    const quantity = `0.00${lots}`;
    if (!usedQuantities.has(quantity)) {
      usedQuantities.add(quantity);
      return quantity;
    }
  }
}

const ticket = (page: Page) => page.getByRole("form", { name: "Order ticket" });
const placeButton = (page: Page) => ticket(page).getByRole("button", { name: "Place order" });
const openOrders = (page: Page) => page.getByRole("table", { name: "Open orders" });
const recentOrders = (page: Page) => page.getByRole("table", { name: "Recent orders" });
const rowsWithQuantity = (page: Page, table: "open" | "recent", quantity: string) =>
  (table === "open" ? openOrders(page) : recentOrders(page))
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: quantity, exact: true }) });

async function openTicket(page: Page) {
  await signIn(page, TRADER, PASSWORD);
  await expect(page).toHaveURL(/\/trade$/);
  await expect(ticket(page).getByLabel("Symbol")).toHaveValue("BTC/USDT", { timeout: 30_000 });
}

async function fillRestingBuy(page: Page, quantity: string) {
  const form = ticket(page);
  await form.getByLabel("Symbol").selectOption("BTC/USDT");
  await form.getByLabel("Side", { exact: true }).selectOption("buy");
  await form.getByLabel("Type", { exact: true }).selectOption("limit");
  await form.getByLabel("Quantity").fill(quantity);
  await form.getByLabel("Price", { exact: true }).fill(RESTING_PRICE);
  await form.getByLabel("Time in force").selectOption("GTC");
  await expect(form.getByTestId("ticket-notional")).toHaveText(
    `${new Decimal(quantity).mul(RESTING_PRICE).toFixed()} USDT`,
  );
}

async function venueOrdersWithQuantity(quantity: string) {
  return (await venueOrders()).filter(
    (order) => order.symbol === "BTCUSDT" && new Decimal(order.origQty).eq(quantity),
  );
}

/** Exactly one order with this quantity in the blotter, in Tally's API and at the venue, and it stays so. */
async function expectExactlyOneOrder(page: Page, quantity: string) {
  await expect(ticket(page).getByTestId("ticket-status")).toContainText(/Order (placed|already submitted)/);
  await expect(rowsWithQuantity(page, "open", quantity)).toHaveCount(1);
  await expect(rowsWithQuantity(page, "recent", quantity)).toHaveCount(1);
  await expect.poll(async () => (await venueOrdersWithQuantity(quantity)).length).toBe(1);
  // Late duplicates would show up after the first answer: look again once retries and polls had time to run.
  await page.waitForTimeout(1_500);
  expect(await venueOrdersWithQuantity(quantity)).toHaveLength(1);
  const listed = await page.request.get("/api/orders?symbol=BTC/USDT&limit=100");
  const ours = ((await listed.json()) as { orders: { quantity: string }[] }).orders.filter((order) =>
    new Decimal(order.quantity).eq(quantity),
  );
  expect(ours).toHaveLength(1);
  await expect(rowsWithQuantity(page, "open", quantity)).toHaveCount(1);
  const [venueOrder] = await venueOrdersWithQuantity(quantity);
  expect(venueOrder?.status).toBe("NEW");
}

/** Cancels what a test left open through the UI, so resting orders never pile up against the per-symbol limit. */
async function cancelFromBlotter(page: Page, quantity: string) {
  await page
    .getByRole("button", { name: `Cancel buy ${quantity} BTC/USDT at ${RESTING_PRICE_SHOWN}` })
    .click();
  await expect(rowsWithQuantity(page, "open", quantity)).toHaveCount(0);
  await expect(rowsWithQuantity(page, "recent", quantity)).toContainText(["canceled"]);
  await expect
    .poll(async () => (await venueOrdersWithQuantity(quantity)).map((order) => order.status))
    .toEqual(["CANCELED"]);
}

/** Idempotency-Key of every POST /api/orders the page sends. */
function recordOrderKeys(page: Page): string[] {
  const keys: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/orders") {
      keys.push(request.headers()["idempotency-key"] ?? "(none)");
    }
  });
  return keys;
}

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async ({ request, baseURL }) => {
  await ensureUser(request, baseURL!, TRADER, "trader");
  await ensureUser(request, baseURL!, VIEWER, "viewer");
});

test("a double-click on Place order places exactly one order", async ({ page }) => {
  await openTicket(page);
  const quantity = freshQuantity();
  await fillRestingBuy(page, quantity);
  const keys = recordOrderKeys(page);
  await placeButton(page).dblclick();
  await expectExactlyOneOrder(page, quantity);
  expect(new Set(keys).size).toBe(1);
  await cancelFromBlotter(page, quantity);
});

test("five rapid clicks place exactly one order", async ({ page }) => {
  await openTicket(page);
  const quantity = freshQuantity();
  await fillRestingBuy(page, quantity);
  const keys = recordOrderKeys(page);
  const box = await placeButton(page).boundingBox();
  if (!box) throw new Error("the Place order button is not on screen");
  // Raw mouse clicks: unlike locator.click they do not wait for the button to be enabled again.
  const clickCentre = () => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  for (let click = 0; click < 5; click++) await clickCentre();
  await expectExactlyOneOrder(page, quantity);
  // However slow the clicks, the placed ticket holds until the order is changed or a new one started.
  await expect(placeButton(page)).toBeDisabled();
  await clickCentre();
  expect(await venueOrdersWithQuantity(quantity)).toHaveLength(1);
  expect(new Set(keys).size).toBe(1);
  await cancelFromBlotter(page, quantity);
});

test("Enter pressed three times places exactly one order", async ({ page }) => {
  await openTicket(page);
  const quantity = freshQuantity();
  await fillRestingBuy(page, quantity);
  const keys = recordOrderKeys(page);
  await ticket(page).getByLabel("Quantity").focus();
  for (let press = 0; press < 3; press++) await page.keyboard.press("Enter");
  await expectExactlyOneOrder(page, quantity);
  expect(new Set(keys).size).toBe(1);
  await cancelFromBlotter(page, quantity);
});

test("a response lost after the server placed the order is retried with the same key and shown as already submitted", async ({
  page,
}) => {
  await openTicket(page);
  const quantity = freshQuantity();
  await fillRestingBuy(page, quantity);
  const keys = recordOrderKeys(page);
  let firstStatus = 0;
  let intercepted = false;
  await page.route("**/api/orders", async (route) => {
    if (route.request().method() !== "POST" || intercepted) return route.fallback();
    intercepted = true;
    // The server receives and completes the first request; the browser then sees a dropped connection.
    const response = await route.fetch();
    firstStatus = response.status();
    await route.abort("connectionreset");
  });
  await placeButton(page).click();
  await expect(ticket(page).getByTestId("ticket-status")).toContainText("Order already submitted", {
    timeout: 15_000,
  });
  expect(firstStatus).toBe(201);
  expect(keys.length).toBeGreaterThanOrEqual(2);
  expect(new Set(keys).size).toBe(1);
  const shownId = await ticket(page).getByTestId("ticket-order-id").textContent();
  await expectExactlyOneOrder(page, quantity);
  expect(await rowsWithQuantity(page, "open", quantity).getAttribute("data-order-id")).toBe(shownId);
  await cancelFromBlotter(page, quantity);
});

test("a connection dropped while the server is still placing the order is resent with the same key and places one order", async ({
  page,
}) => {
  await openTicket(page);
  const quantity = freshQuantity();
  await fillRestingBuy(page, quantity);
  const keys = recordOrderKeys(page);
  let firstReachedServer: Promise<unknown> | undefined;
  await page.route("**/api/orders", async (route) => {
    if (route.request().method() !== "POST" || firstReachedServer) return route.fallback();
    // Sent on to the server, but the browser loses the connection at once: the resend races the
    // first request, and meets either its stored outcome or 409 idempotency_key_in_progress.
    firstReachedServer = route.fetch().then((response) => response.status());
    await route.abort("connectionreset");
  });
  await placeButton(page).click();
  await expect(ticket(page).getByTestId("ticket-status")).toContainText(/Order (placed|already submitted)/, {
    timeout: 20_000,
  });
  // 409 only if the resend overtook the first request; either way the server saw the first one.
  expect([201, 409]).toContain(await firstReachedServer);
  expect(keys.length).toBeGreaterThanOrEqual(2);
  expect(new Set(keys).size).toBe(1);
  await expectExactlyOneOrder(page, quantity);
  await cancelFromBlotter(page, quantity);
});

test("a new order after a placed one gets a new key, and an edit validates live against the filters", async ({
  page,
}) => {
  await openTicket(page);
  const keys = recordOrderKeys(page);
  const first = freshQuantity();
  await fillRestingBuy(page, first);
  await placeButton(page).click();
  await expectExactlyOneOrder(page, first);

  const quantity = ticket(page).getByLabel("Quantity");
  await quantity.fill("0.000015");
  await expect(quantity).toHaveAttribute("aria-invalid", "true");
  await expect(quantity).toHaveAccessibleDescription(/multiple of the lot size 0\.00001/);
  await quantity.fill("0.0001");
  await expect(quantity).toHaveAccessibleDescription(/below the minimum notional 5/);

  const second = freshQuantity();
  await quantity.fill(second);
  await expect(quantity).not.toHaveAttribute("aria-invalid", "true");
  await placeButton(page).click();
  await expectExactlyOneOrder(page, second);
  expect(keys).toHaveLength(2);
  expect(keys[0]).not.toBe(keys[1]);
  await cancelFromBlotter(page, first);
  await cancelFromBlotter(page, second);
});

test("the blotter follows an order canceled at the venue without a reload", async ({ page }) => {
  await openTicket(page);
  await expect(page.getByText("Updates: live")).toBeVisible({ timeout: 15_000 });
  const quantity = freshQuantity();
  await fillRestingBuy(page, quantity);
  await placeButton(page).click();
  await expectExactlyOneOrder(page, quantity);
  const [venueOrder] = await venueOrdersWithQuantity(quantity);
  await cancelAtVenue(venueOrder!.clientOrderId);
  // Well inside the 10 s safety poll: the event stream brought the change.
  await expect(rowsWithQuantity(page, "open", quantity)).toHaveCount(0, { timeout: 8_000 });
  await expect(rowsWithQuantity(page, "recent", quantity)).toContainText(["canceled"]);
});

test("clicking a price level in the order book fills the ticket's price", async ({ page }) => {
  await openTicket(page);
  const level = page.getByRole("table", { name: "Bids" }).getByRole("button").first();
  await expect(level).toBeVisible({ timeout: 30_000 });
  // A still market, so the level read is the level clicked.
  await setSyntheticMarketRunning(false);
  try {
    await page.waitForTimeout(500);
    const price = (await level.textContent())?.trim() ?? "";
    expect(price).toMatch(/^\d+(\.\d+)?$/);
    await level.click();
    await expect(ticket(page).getByLabel("Price", { exact: true })).toHaveValue(price);
    await expect(ticket(page).getByLabel("Type", { exact: true })).toHaveValue("limit");
  } finally {
    await setSyntheticMarketRunning(true);
  }
});

test("a viewer sees orders in the blotter without a ticket or cancel buttons", async ({
  page,
  playwright,
  baseURL,
}) => {
  // A trader bot places a resting order over the API, so the viewer has an open order to look at.
  const trader = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  expect(
    (await trader.post("/api/auth/login", { data: { username: TRADER, password: PASSWORD } })).status(),
  ).toBe(200);
  const quantity = freshQuantity();
  const placed = await trader.post("/api/orders", {
    headers: { "idempotency-key": crypto.randomUUID() },
    data: {
      symbol: "BTC/USDT",
      side: "buy",
      type: "limit",
      quantity,
      price: RESTING_PRICE,
      timeInForce: "GTC",
    },
  });
  expect(placed.status()).toBe(201);
  const { order } = (await placed.json()) as { order: { id: string } };
  try {
    await signIn(page, VIEWER, PASSWORD);
    await expect(page).toHaveURL(/\/trade$/);
    await expect(page.getByRole("heading", { name: "Blotter" })).toBeVisible();
    await expect(rowsWithQuantity(page, "open", quantity)).toHaveCount(1);
    await expect(ticket(page)).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Cancel / })).toHaveCount(0);
  } finally {
    const canceled = await trader.post(`/api/orders/${order.id}/cancel`, {
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    expect(canceled.status()).toBe(200);
    await trader.dispose();
  }
});
