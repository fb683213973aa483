import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env";

const KEY_FILE = "webhook-secret.key";
const VERSION = "v1";

let cachedKey: Buffer | undefined;

/** The key from WEBHOOK_SECRET_KEY, else the data dir's key file (created, owner-only, on first use). */
function encryptionKey(): Buffer {
  if (cachedKey) return cachedKey;
  const fromEnv = env().WEBHOOK_SECRET_KEY;
  if (fromEnv) {
    cachedKey = Buffer.from(fromEnv, "base64");
    return cachedKey;
  }
  const dir = path.resolve(env().TALLY_DATA_DIR);
  const file = path.join(dir, KEY_FILE);
  try {
    cachedKey = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(dir, { recursive: true });
    const key = randomBytes(32);
    try {
      // "wx": two processes racing on a fresh data dir must not overwrite each other's key.
      writeFileSync(file, key.toString("base64"), { mode: 0o600, flag: "wx" });
      cachedKey = key;
    } catch (raceError) {
      if ((raceError as NodeJS.ErrnoException).code !== "EEXIST") throw raceError;
      cachedKey = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
    }
  }
  if (cachedKey.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  return cachedKey;
}

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>`, each base64url. */
export function encryptSecret(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined)
    throw new Error("unreadable sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString(
    "utf8",
  );
}
