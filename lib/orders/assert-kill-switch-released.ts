import type { Tx } from "../db/sql";
import { DomainError } from "../errors/domain-error";

/** 423 kill_switch_engaged when the kill switch (KillSwitch row 1) is engaged. */
export async function assertKillSwitchReleased(options: { tx: Tx }): Promise<void> {
  const rows = await options.tx.$queryRaw<{ engaged: boolean; reason: string | null }[]>`
    SELECT engaged, reason FROM "KillSwitch" WHERE id = 1`;
  const row = rows[0];
  if (row?.engaged) {
    throw new DomainError({
      kind: "locked",
      code: "kill_switch_engaged",
      detail: `Trading is halted by the kill switch${row.reason ? `: ${row.reason}` : ""}`,
    });
  }
}
