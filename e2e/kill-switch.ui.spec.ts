import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ensureUser, PASSWORD, signIn } from "./support/users";

const TRADER = "e2e-halt-trader";
const RISK = "e2e-halt-risk";
const REASON = "e2e drill: venue prices look wrong";

test.beforeAll(async ({ request, baseURL }) => {
  await ensureUser(request, baseURL!, TRADER, "trader");
  await ensureUser(request, baseURL!, RISK, "risk");
});

// Other specs share this server: never leave trading halted behind.
test.afterAll(async ({ playwright, baseURL }) => {
  const risk = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await risk.post("/api/auth/login", { data: { username: RISK, password: PASSWORD } });
  await risk.post("/api/kill-switch/release", {
    data: { reason: "e2e cleanup" },
    headers: { "idempotency-key": randomUUID() },
  });
  await risk.dispose();
});

test("halt from the header as a trader: a second session sees the banner, the ticket refuses, risk releases with the typed word", async ({
  browser,
}) => {
  const traderContext = await browser.newContext();
  const riskContext = await browser.newContext();
  const trader = await traderContext.newPage();
  const risk = await riskContext.newPage();
  await signIn(trader, TRADER, PASSWORD);
  await expect(trader).toHaveURL(/\/trade$/);
  await signIn(risk, RISK, PASSWORD);
  await expect(risk).toHaveURL(/\/trade$/);
  await risk.getByRole("link", { name: "Orders" }).click();
  await expect(risk.getByTestId("kill-switch-status")).toHaveText("Kill switch: released");

  await trader.getByRole("button", { name: "Halt trading" }).click();
  const dialog = trader.getByRole("dialog", { name: "Halt trading" });
  await dialog.getByRole("button", { name: "Halt trading" }).click();
  await expect(dialog.getByText("A reason is required")).toBeVisible();
  await dialog.getByLabel("Reason (required)").fill(REASON);
  await dialog.getByRole("button", { name: "Halt trading" }).click();
  await expect(dialog.getByText("Trading halted.")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();

  // The other operator's page was not reloaded: the banner arrives through the events stream.
  const banner = risk.getByTestId("halt-banner");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(REASON);
  await expect(banner).toContainText(`by ${TRADER}`);
  await expect(banner).toContainText("source manual");
  await expect(risk.getByTestId("kill-switch-status")).toHaveText("Kill switch: ENGAGED");

  const ticket = trader.getByRole("form", { name: "Order ticket" });
  await expect(ticket.getByTestId("ticket-halted")).toContainText(REASON);
  await expect(ticket.getByRole("button", { name: "Place order" })).toBeDisabled();
  const refused = await trader.request.post("/api/orders", {
    data: { symbol: "BTC/USDT", side: "buy", type: "limit", quantity: "0.001", price: "30000" },
    headers: { "idempotency-key": randomUUID(), origin: new URL(trader.url()).origin },
  });
  expect(refused.status()).toBe(423);
  expect((await refused.json()).code).toBe("kill_switch_engaged");

  // A trader cannot release.
  await expect(trader.getByRole("button", { name: "Release…" })).toHaveCount(0);
  await risk.getByRole("button", { name: "Release…" }).click();
  const release = risk.getByRole("dialog", { name: "Release trading halt" });
  await release.getByLabel("Reason (required)").fill("drill over");
  await release.getByLabel("Type RELEASE to confirm").fill("release");
  await release.getByRole("button", { name: "Release", exact: true }).click();
  await expect(release.getByText("Type RELEASE to confirm", { exact: true }).last()).toBeVisible();
  await expect(banner).toBeVisible();
  await release.getByLabel("Type RELEASE to confirm").fill("RELEASE");
  await release.getByRole("button", { name: "Release", exact: true }).click();
  await expect(release.getByText("Released.")).toBeVisible();
  await expect(trader.getByTestId("halt-banner")).toHaveCount(0);
  await expect(ticket.getByRole("button", { name: "Place order" })).toBeEnabled();

  await traderContext.close();
  await riskContext.close();
});
