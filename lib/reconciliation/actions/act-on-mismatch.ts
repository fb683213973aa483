import { recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { Mismatch } from "../../db/generated/prisma/client";
import type { Tx } from "../../db/sql";
import { DomainError } from "../../errors/domain-error";
import { publishEvent } from "../../events/publish-event";
import { completeIdempotencyRecord } from "../../idempotency/complete-idempotency-record";
import type { KeyedRequest } from "../../idempotency/idempotency-types";
import { type IdempotentResult, runIdempotently } from "../../idempotency/run-idempotently";
import { canMoveMismatch } from "../mismatch-lifecycle";
import { toMismatchView } from "../read/mismatch-view";
import type { MismatchStatus } from "../read/mismatch-vocabulary";
import type { MismatchActionOutcome } from "./mismatch-action-outcome";
import { MISMATCH_ACTION_RULES, type MismatchAction } from "./mismatch-actions";

export interface MismatchActionRequest {
  mismatchId: string;
  principal: Principal;
  request: KeyedRequest;
  requestId?: string;
  ip?: string;
}

async function lockMismatch(tx: Tx, id: string): Promise<Mismatch> {
  const rows = await tx.$queryRaw<Mismatch[]>`SELECT * FROM "Mismatch" WHERE id = ${id}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row)
    throw new DomainError({
      kind: "not_found",
      code: "mismatch_not_found",
      detail: "No mismatch with this id",
    });
  return row;
}

/**
 * One operator action on a mismatch under an Idempotency-Key, in one transaction with the claim: the
 * row locked (a concurrent action waits, then sees the new status), the transition checked against
 * the lifecycle, the change (`apply`, which writes the row and may throw to refuse), a timeline entry,
 * an audit entry and `mismatch.updated`. A transition the status does not allow is stored as
 * mismatch_state_conflict (and audited as a failure), so a replay answers the same.
 */
export function actOnMismatch<P>(
  options: MismatchActionRequest & {
    action: MismatchAction;
    note?: string;
    /** Work before the claim (venue reads); runs only for a new key. */
    prepare: () => Promise<P>;
    apply: (context: { tx: Tx; mismatch: Mismatch; prepared: P }) => Promise<Record<string, unknown>>;
  },
): Promise<IdempotentResult<MismatchActionOutcome>> {
  const { action, principal } = options;
  const to = MISMATCH_ACTION_RULES[action].to;
  const audit = (tx: Tx, outcome: "success" | "failure", details: Record<string, unknown>) =>
    recordAudit(
      {
        actor: principal,
        action: `reconciliation.mismatch_${action}`,
        outcome,
        target: options.mismatchId,
        requestId: options.requestId,
        ip: options.ip,
        details: { ...details, ...(options.note ? { note: options.note } : {}) },
      },
      tx,
    );
  return runIdempotently<P, never, MismatchActionOutcome>({
    request: { ...options.request, operation: `mismatch_${action}`, targetIds: [options.mismatchId] },
    prepare: options.prepare,
    start: async ({ tx, prepared }) => {
      const mismatch = await lockMismatch(tx, options.mismatchId);
      const from = mismatch.status as MismatchStatus;
      if (!canMoveMismatch(from, to)) {
        await audit(tx, "failure", { reason: "mismatch_state_conflict", status: from });
        return {
          outcome: {
            kind: "mismatch_state_conflict",
            action,
            mismatch: toMismatchView(mismatch),
            requestId: options.requestId ?? null,
          },
        };
      }
      const details = await options.apply({ tx, mismatch, prepared });
      const [updated] = await tx.$queryRaw<
        Mismatch[]
      >`SELECT * FROM "Mismatch" WHERE id = ${mismatch.id}::uuid`;
      if (!updated) throw new Error(`mismatch ${mismatch.id} vanished during ${action}`);
      await audit(tx, "success", { ...details, fromStatus: from, toStatus: updated.status });
      return { outcome: { kind: "mismatch_changed", action, mismatch: toMismatchView(updated) } };
    },
    finish: () => Promise.reject(new Error("mismatch actions complete in their claim")),
    // A record is completed in the transaction that claims it: no worker can die holding one.
    resume: () => Promise.reject(new Error("mismatch actions complete in their claim")),
    completeNow: ({ tx, record, outcome }) => completeIdempotencyRecord({ tx, recordId: record.id, outcome }),
  });
}

/** The status change of a plain action (acknowledge, resolve, accept) with its timeline entry and event. */
export async function moveMismatch(options: {
  tx: Tx;
  mismatch: Mismatch;
  action: MismatchAction;
  actor: string;
  note: string | null;
  resolution: string | null;
  data?: Record<string, unknown>;
}): Promise<void> {
  const { tx, mismatch, action } = options;
  const to = MISMATCH_ACTION_RULES[action].to;
  const final = options.resolution !== null;
  await tx.$executeRaw`
    UPDATE "Mismatch" SET status = ${to}, note = COALESCE(${options.note}, note),
      resolution = CASE WHEN ${final} THEN ${options.resolution} ELSE resolution END,
      "resolvedBy" = CASE WHEN ${final} THEN ${options.actor} ELSE "resolvedBy" END,
      "resolvedAt" = CASE WHEN ${final} THEN now() ELSE "resolvedAt" END
    WHERE id = ${mismatch.id}::uuid`;
  await tx.$executeRaw`
    INSERT INTO "MismatchEvent" ("mismatchId", action, "fromStatus", "toStatus", actor, note, data, "createdAt")
    VALUES (${mismatch.id}::uuid, ${MOVED[action]}, ${mismatch.status}, ${to}, ${options.actor}, ${options.note},
            ${options.data ? JSON.stringify(options.data) : null}::jsonb, now())`;
  await publishEvent({ type: "mismatch.updated", data: { mismatchId: mismatch.id, status: to, action } }, tx);
}

/** The timeline's word for each action. */
const MOVED: Record<MismatchAction, string> = {
  acknowledge: "acknowledged",
  resolve: "resolved",
  accept: "accepted",
  adjust: "adjusted",
};
