import { expect, test } from "@playwright/test";

const nonceOf = (policy: string | undefined) => /'nonce-([^']+)'/.exec(policy ?? "")?.[1];

test("a page forbids framing and carries a strict CSP with a fresh nonce per request", async ({
  request,
}) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  expect(first.status()).toBe(200);
  const headers = first.headers();
  expect(headers).toMatchObject({
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  });
  expect(headers["strict-transport-security"]).toBeUndefined();
  const policy = headers["content-security-policy"];
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "connect-src 'self'",
  ]) {
    expect(policy).toContain(directive);
  }
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{22,}' 'strict-dynamic'(;|$)/);

  const nonce = nonceOf(policy);
  expect(nonce).toBeDefined();
  expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonce);
  // Next.js put this request's nonce on its scripts.
  expect(await first.text()).toContain(`nonce="${nonce}"`);
});

test("a client cannot choose its own nonce", async ({ request }) => {
  const response = await request.get("/login", {
    headers: { "content-security-policy": "script-src 'nonce-attacker'" },
  });
  expect(response.headers()["content-security-policy"]).not.toContain("nonce-attacker");
  expect(await response.text()).not.toContain('nonce="attacker"');
});

for (const [path, status] of [
  ["/api/health", 200],
  ["/api/orders", 401],
] as const) {
  test(`the API answer of ${path} (${status}) cannot be framed, sniffed or run`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(status);
    expect(response.headers()).toMatchObject({
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
    });
  });
}
