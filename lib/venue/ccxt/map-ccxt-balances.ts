import type { Balances } from "ccxt";
import { Decimal } from "decimal.js";
import type { VenueBalance, VenueBalanceSnapshot } from "../port/venue-types";
import { toDecimalString } from "./to-decimal-string";

function balance(asset: string, free: unknown, locked: unknown): VenueBalance {
  const freeText = toDecimalString(free) ?? "0";
  const lockedText = toDecimalString(locked) ?? "0";
  return {
    asset,
    free: freeText,
    locked: lockedText,
    total: new Decimal(freeText).plus(lockedText).toFixed(),
  };
}

/** Binance's raw `balances` (exact strings) when present, else ccxt's unified free/used. */
export function mapCcxtBalances(balances: Balances): VenueBalanceSnapshot {
  const info = balances.info as {
    balances?: Array<{ asset?: string; free?: string; locked?: string }>;
    updateTime?: number | string;
  };
  const updateTime = Number(info?.updateTime ?? balances.timestamp);
  const updatedAt = Number.isSafeInteger(updateTime) && updateTime > 0 ? updateTime : null;
  if (Array.isArray(info?.balances)) {
    return {
      balances: info.balances
        .filter((entry) => typeof entry.asset === "string")
        .map((entry) => balance(entry.asset as string, entry.free, entry.locked)),
      updatedAt,
    };
  }
  const free = (balances.free ?? {}) as unknown as Record<string, unknown>;
  const used = (balances.used ?? {}) as unknown as Record<string, unknown>;
  return { balances: Object.keys(free).map((asset) => balance(asset, free[asset], used[asset])), updatedAt };
}
