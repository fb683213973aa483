import type { Sql } from "../db/sql";
import type { KillSwitchScope } from "./kill-switch-types";

function lockKey(scope: KillSwitchScope): string {
  return `tally:kill-switch:${scope}`;
}

/** Exclusive: one change of the scope at a time, and it waits for every send check holding it shared. */
export async function lockKillSwitchScope(tx: Sql, scope: KillSwitchScope): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey(scope)}, 0))`;
}

/**
 * Shared on the global scope and each symbol's, for a transaction that reads the halt and records a
 * send: an engage (exclusive) waits until it commits, so every send it allowed is recorded when the
 * engage looks for sends in flight. Global first, symbols sorted: one order for every caller.
 */
export async function lockTradingScopesShared(tx: Sql, symbols: string[]): Promise<void> {
  for (const scope of ["global", ...[...new Set(symbols)].sort()]) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtextextended(${lockKey(scope)}, 0))`;
  }
}
