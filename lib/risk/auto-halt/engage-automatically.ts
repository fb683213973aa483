import { recordAudit } from "../../audit/record-audit";
import { type Sql, transaction } from "../../db/sql";
import { logger } from "../../observability/logger";
import { engageKillSwitch, type KillSwitchChangeResult } from "../change-kill-switch";
import type { KillSwitchScope, KillSwitchSource } from "../kill-switch-types";

/**
 * The one way the system halts trading on its own (auth failure, loss limit, venue unreachable,
 * reconciliation breach): engages the switch and audits it as the system component, in one
 * transaction. Never cancels orders.
 */
export async function engageAutomatically(options: {
  scope: KillSwitchScope;
  source: Exclude<KillSwitchSource, "manual">;
  reason: string;
  /** The system component that decided (audit actor). */
  actor: string;
  tx?: Sql;
}): Promise<KillSwitchChangeResult> {
  const reason = options.reason.slice(0, 500);
  const run = async (tx: Sql) => {
    const result = await engageKillSwitch({
      scope: options.scope,
      reason,
      source: options.source,
      actor: options.actor,
      tx,
    });
    if (result.changed) {
      await recordAudit(
        {
          actor: { kind: "system", name: options.actor },
          action: "kill_switch.engage",
          outcome: "success",
          target: options.scope,
          details: { source: options.source, reason, automatic: true },
        },
        tx,
      );
    }
    return result;
  };
  const result = await (options.tx ? run(options.tx) : transaction(run));
  if (result.changed) {
    logger.error({ scope: options.scope, source: options.source, reason }, "trading halted automatically");
  }
  return result;
}
