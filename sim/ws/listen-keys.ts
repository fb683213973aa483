import { randomBytes } from "node:crypto";

const VALIDITY_MS = 60 * 60 * 1000;

/** REST listenKeys (`/api/v3/userDataStream`) for clients that use `/ws/<listenKey>`. */
export class ListenKeys {
  private readonly keys = new Map<string, { accountId: string; expiresAt: number }>();

  /** Binance returns the account's existing key while it is valid. */
  create(accountId: string, now: number): string {
    for (const [key, entry] of this.keys) {
      if (entry.accountId === accountId && entry.expiresAt > now) {
        entry.expiresAt = now + VALIDITY_MS;
        return key;
      }
    }
    const key = randomBytes(32).toString("hex").slice(0, 60);
    this.keys.set(key, { accountId, expiresAt: now + VALIDITY_MS });
    return key;
  }

  keepAlive(key: string, accountId: string, now: number): boolean {
    const entry = this.keys.get(key);
    if (!entry || entry.accountId !== accountId || entry.expiresAt <= now) return false;
    entry.expiresAt = now + VALIDITY_MS;
    return true;
  }

  remove(key: string, accountId: string): boolean {
    const entry = this.keys.get(key);
    if (!entry || entry.accountId !== accountId) return false;
    this.keys.delete(key);
    return true;
  }

  accountFor(key: string, now: number): string | undefined {
    const entry = this.keys.get(key);
    return entry && entry.expiresAt > now ? entry.accountId : undefined;
  }
}
