import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:3300";
const sim = "http://127.0.0.1:4310";
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
await fetch(`${sim}/__sim/foreign-order`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ symbol: "BTCUSDT", side: "BUY", type: "LIMIT", quantity: "0.002", price: "25000" }) });
for (const [w, hgt] of [[1440, 900], [1280, 720]] as const) {
  const context = await browser.newContext({ viewport: { width: w, height: hgt } });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel(/username/i).fill("admin");
  await page.getByLabel(/password/i).fill(process.env.PW as string);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL(/trade|\/$/);
  if (w === 1440) {
    const r = await page.request.post(`${base}/api/reconciliation/runs`, { headers: { "idempotency-key": `shot-${Date.now()}`, origin: base } });
    console.log("run", r.status());
    await page.waitForTimeout(3000);
  }
  for (const path of ["trade", "reconciliation", "orders", "admin", "audit"]) {
    await page.goto(`${base}/${path}`);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/work/screens/final/${path}-${w}x${hgt}.png` });
  }
  await page.goto(`${base}/reconciliation`);
  await page.waitForTimeout(1500);
  const link = page.getByRole("button", { name: /outside Tally/i }).first();
  if (await link.count()) { await link.click(); await page.waitForTimeout(1500); await page.screenshot({ path: `/work/screens/final/recon-detail-${w}x${hgt}.png` }); }
  await context.close();
}
await browser.close();
