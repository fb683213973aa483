import type { Tx } from "../db/sql";
import { DomainError } from "../errors/domain-error";
import { readKillSwitch } from "../risk/read-kill-switch";

/** Refuses (locked, kill_switch_engaged) while the kill switch (KillSwitch row 1) is engaged. */
export async function assertKillSwitchReleased(options: { tx: Tx }): Promise<void> {
  const row = await readKillSwitch(options.tx);
  if (row.engaged) {
    throw new DomainError({
      kind: "locked",
      code: "kill_switch_engaged",
      detail: `Trading is halted by the kill switch${row.reason ? `: ${row.reason}` : ""}`,
    });
  }
}
