import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import path from "node:path";
import type { EngineSnapshot } from "../engine/matching-engine.js";
import type { AccountOrder, AccountTrade } from "../engine/types.js";

const VERSION = 1;
// Amounts are exact integers (engine/units.ts): written as decimal strings, read back as bigint.
const ORDER_AMOUNTS = [
  "price",
  "remaining",
  "origQty",
  "executedQty",
  "cummulativeQuoteQty",
  "origQuoteOrderQty",
  "locked",
] as const satisfies readonly (keyof AccountOrder)[];
const TRADE_AMOUNTS = [
  "price",
  "qty",
  "quoteQty",
  "commission",
] as const satisfies readonly (keyof AccountTrade)[];

type Json = Record<string, unknown>;

function withAmounts<T>(value: Json, keys: readonly string[]): T {
  const copy: Json = { ...value };
  for (const key of keys) copy[key] = BigInt(value[key] as string);
  return copy as T;
}

export function encodeState(snapshot: EngineSnapshot): string {
  return JSON.stringify({ version: VERSION, ...snapshot }, (_key, value) =>
    typeof value === "bigint" ? value.toString() : value,
  );
}

export function decodeState(text: string, file: string): EngineSnapshot {
  const raw = JSON.parse(text) as Json & { version?: number };
  if (raw.version !== VERSION)
    throw new Error(`sim: ${file} has state version ${raw.version}, expected ${VERSION}`);
  const accounts = raw.accounts as { id: string; updateTime: number; balances: Record<string, Json> }[];
  return {
    nextOrderId: raw.nextOrderId as number,
    nextTradeIds: raw.nextTradeIds as Record<string, number>,
    orders: (raw.orders as Json[]).map((order) => withAmounts<AccountOrder>(order, ORDER_AMOUNTS)),
    trades: (raw.trades as Json[]).map((trade) => withAmounts<AccountTrade>(trade, TRADE_AMOUNTS)),
    accounts: accounts.map((account) => ({
      id: account.id,
      updateTime: account.updateTime,
      balances: Object.fromEntries(
        Object.entries(account.balances).map(([asset, b]) => [asset, withAmounts(b, ["free", "locked"])]),
      ),
    })),
  };
}

/** The saved state, or undefined when there is none yet. A file that cannot be read is an error, never a fresh start. */
export function loadState(file: string): EngineSnapshot | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return decodeState(text, file);
  } catch (error) {
    throw new Error(`sim: cannot read the saved venue state in ${file}: ${(error as Error).message}`);
  }
}

/** Replaces the file whole: written to a temporary file, flushed to disk, then renamed over it. */
export function saveState(file: string, snapshot: EngineSnapshot): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, encodeState(snapshot));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}
