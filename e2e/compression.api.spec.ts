import { expect, test } from "@playwright/test";

// Node's fetch would decompress transparently and drop the evidence, so this reads raw headers via
// the request fixture with an explicit Accept-Encoding.
test("pages and static assets are gzipped; API answers and streams are not", async ({ request }) => {
  const headers = { "accept-encoding": "gzip" };
  const page = await request.get("/login", { headers });
  expect(page.status()).toBe(200);
  expect(page.headers()["content-encoding"]).toBe("gzip");
  const script = /\/_next\/static\/[^"]+\.js/.exec(await page.text())?.[0];
  expect(script, "the login page links a static script").toBeTruthy();
  const asset = await request.get(script as string, { headers });
  expect(asset.status()).toBe(200);
  expect(asset.headers()["content-encoding"]).toBe("gzip");

  const api = await request.get("/api/health", { headers });
  expect(api.status()).toBe(200);
  expect(api.headers()["content-encoding"]).toBeUndefined();
});
