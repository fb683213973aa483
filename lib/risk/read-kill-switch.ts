import type { Sql } from "../db/sql";

export interface KillSwitchState {
  engaged: boolean;
  reason: string | null;
}

/** The global kill switch (KillSwitch row 1; absent = released), read in the caller's transaction or on the pool. */
export async function readKillSwitch(db: Sql): Promise<KillSwitchState> {
  const rows = await db.$queryRaw<KillSwitchState[]>`SELECT engaged, reason FROM "KillSwitch" WHERE id = 1`;
  return rows[0] ?? { engaged: false, reason: null };
}
