import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

async function freshBox(environment: Record<string, string | undefined>) {
  vi.resetModules();
  vi.unstubAllEnvs();
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
  return import("./secret-box");
}

describe("webhook secret box", () => {
  it("seals with AES-256-GCM under WEBHOOK_SECRET_KEY: round trip, never the plaintext, a fresh IV each time", async () => {
    const box = await freshBox({ WEBHOOK_SECRET_KEY: Buffer.alloc(32, 7).toString("base64") });
    const secret = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0";
    const sealed = box.encryptSecret(secret);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("c2VjcmV0");
    expect(box.encryptSecret(secret)).not.toBe(sealed);
    expect(box.decryptSecret(sealed)).toBe(secret);
  });

  it("refuses a tampered ciphertext and one sealed under another key", async () => {
    const box = await freshBox({ WEBHOOK_SECRET_KEY: Buffer.alloc(32, 1).toString("base64") });
    const sealed = box.encryptSecret("whsec_abc");
    const [v, iv, tag, data] = sealed.split(".");
    const flipped = Buffer.from(data as string, "base64url");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => box.decryptSecret([v, iv, tag, flipped.toString("base64url")].join("."))).toThrow();
    const other = await freshBox({ WEBHOOK_SECRET_KEY: Buffer.alloc(32, 2).toString("base64") });
    expect(() => other.decryptSecret(sealed)).toThrow();
  });

  it("without WEBHOOK_SECRET_KEY, creates an owner-only key file in the data dir once and keeps using it", async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "tally-box-")), "data");
    const box = await freshBox({ WEBHOOK_SECRET_KEY: undefined, TALLY_DATA_DIR: dir });
    const sealed = box.encryptSecret("whsec_abc");
    const file = path.join(dir, "webhook-secret.key");
    expect(Buffer.from(readFileSync(file, "utf8"), "base64")).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const restarted = await freshBox({ WEBHOOK_SECRET_KEY: undefined, TALLY_DATA_DIR: dir });
    expect(restarted.decryptSecret(sealed)).toBe("whsec_abc");
  });
});
