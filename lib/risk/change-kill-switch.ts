import { enqueueAlert } from "../alerts/enqueue-alert";
import { type Sql, transaction } from "../db/sql";
import { publishEvent } from "../events/publish-event";
import { lockKillSwitchScope } from "./kill-switch-locks";
import type { KillSwitchScope, KillSwitchSource, KillSwitchState } from "./kill-switch-types";

export interface KillSwitchChange {
  scope: KillSwitchScope;
  reason: string;
  source: KillSwitchSource;
  /** Who: a user or token name, or the system component (never taken from a request body). */
  actor: string;
  /** Run in this transaction (the change commits with the caller's work); otherwise in its own. */
  tx?: Sql;
}

export interface KillSwitchChangeResult {
  state: KillSwitchState;
  /** False when the switch already was in the wanted state: nothing was written. */
  changed: boolean;
}

async function change(options: KillSwitchChange & { engage: boolean }): Promise<KillSwitchChangeResult> {
  const run = async (tx: Sql): Promise<KillSwitchChangeResult> => {
    // Serialises changes of one scope across instances and waits for the send checks holding it shared.
    await lockKillSwitchScope(tx, options.scope);
    const rows = await tx.$queryRaw<KillSwitchState[]>`
      SELECT scope, engaged, reason, source, actor, "changedAt", version FROM "KillSwitch"
      WHERE scope = ${options.scope} FOR UPDATE`;
    const current = rows[0];
    if ((current?.engaged ?? false) === options.engage) {
      return {
        state: current ?? {
          scope: options.scope,
          engaged: false,
          reason: null,
          source: null,
          actor: null,
          changedAt: null,
          version: 0,
        },
        changed: false,
      };
    }
    const [state] = await tx.$queryRaw<KillSwitchState[]>`
      INSERT INTO "KillSwitch" (scope, engaged, reason, source, actor, "changedAt", version)
      VALUES (${options.scope}, ${options.engage}, ${options.reason}, ${options.source}, ${options.actor}, now(), 1)
      ON CONFLICT (scope) DO UPDATE SET engaged = EXCLUDED.engaged, reason = EXCLUDED.reason,
        source = EXCLUDED.source, actor = EXCLUDED.actor, "changedAt" = now(),
        version = "KillSwitch".version + 1
      RETURNING scope, engaged, reason, source, actor, "changedAt", version`;
    await tx.$executeRaw`
      INSERT INTO "KillSwitchEvent" (scope, action, reason, source, actor, "createdAt")
      VALUES (${options.scope}, ${options.engage ? "engage" : "release"}, ${options.reason}, ${options.source},
              ${options.actor}, now())`;
    await publishEvent(
      {
        type: "kill_switch.changed",
        data: {
          scope: options.scope,
          engaged: options.engage,
          reason: options.reason,
          source: options.source,
          actor: options.actor,
        },
      },
      tx,
    );
    await enqueueAlert(tx, {
      type: options.engage ? "kill_switch.engaged" : "kill_switch.released",
      data: {
        scope: options.scope,
        reason: options.reason,
        source: options.source,
        actor: options.actor,
        changedAt: state?.changedAt?.toISOString() ?? null,
      },
    });
    return { state: state as KillSwitchState, changed: true };
  };
  return options.tx ? run(options.tx) : transaction(run);
}

/**
 * Engages the global kill switch or a symbol's halt: upserts its KillSwitch row, appends a
 * KillSwitchEvent and publishes `kill_switch.changed`, all in one transaction. Engaging an engaged
 * switch writes nothing.
 */
export function engageKillSwitch(options: KillSwitchChange): Promise<KillSwitchChangeResult> {
  return change({ ...options, engage: true });
}

/** Releases it the same way; releasing never resumes anything, it only allows new orders again. */
export function releaseKillSwitch(options: KillSwitchChange): Promise<KillSwitchChangeResult> {
  return change({ ...options, engage: false });
}
