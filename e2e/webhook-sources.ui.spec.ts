import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { ADMIN, signIn } from "./support/users";

test("a risk operator creates a webhook source, a signed intent arrives, and its outcome shows on the admin page", async ({
  page,
  playwright,
  baseURL,
}) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/trade$/);
  await page.goto("/admin");
  const name = `alerts-${Date.now().toString(36)}`;
  await page.getByLabel("Source name").fill(name);
  await page.getByRole("button", { name: "Create source" }).click();
  const secret = (await page.getByTestId("issued-webhook-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^whsec_/);
  const row = page.getByRole("row").filter({ hasText: name });
  const sourceId = (await row.getByRole("cell").nth(1).textContent())?.trim() ?? "";

  const sender = await playwright.request.newContext({ baseURL });
  const id = `msg_${Date.now()}`;
  const body = JSON.stringify({
    type: "order.place",
    order: { symbol: "BTC/USDT", side: "buy", type: "limit", quantity: "0.001", price: "1000" },
  });
  const at = new Date();
  const sent = await sender.post(`/api/webhooks/signals/${sourceId}`, {
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, at, body),
    },
    data: body,
  });
  expect(sent.status()).toBe(202);
  await sender.dispose();

  await page.getByRole("button", { name: `Intents of ${name}` }).click();
  const intents = page.getByRole("table", { name: "Recent intents" });
  await expect(intents.getByRole("row").filter({ hasText: id })).toContainText(/placed|pending|rejected/, {
    timeout: 15_000,
  });
});
