import type { Tx } from "../db/sql";
import { publishEvent } from "../events/publish-event";
import { applyVenueOrder } from "../orders/apply-venue-order";
import { ingestFillInTx } from "../orders/ingest-fill";
import { canTransition } from "../orders/order-state-machine";
import { statusFromVenue } from "../orders/status-from-venue";
import { lockOrder } from "../orders/store/lock-order";
import { moveOrder } from "../orders/store/update-order";
import type { Heal } from "./mismatch-types";

/** Who applies a correction: the engine below the auto-heal threshold, or an operator. */
export type AdjustmentBy =
  | { source: "reconciliation"; runId: string }
  | { source: "operator"; actor: string; note: string };

/**
 * Applies the correction the venue's evidence supports to our books, in the caller's transaction:
 * the missed fill inserted from the venue's trade, or the order moved to the venue's status. The
 * engine moves an order only along the state machine; an operator may also move one the state machine
 * forbids (a final status the venue contradicts): an "operator_correction" order event. Then the
 * Adjustment row, the mismatch closed, its timeline entry and `mismatch.updated`. False (nothing
 * applied) when the mismatch is no longer unresolved.
 */
export async function applyAdjustment(options: {
  tx: Tx;
  venue: string;
  mismatchId: string;
  fromStatus: string;
  heal: Heal;
  by: AdjustmentBy;
}): Promise<boolean> {
  const { tx, heal, by } = options;
  // The mismatch first, then the order: an operator's action and the engine's heal take them in one order.
  const [locked] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status FROM "Mismatch" WHERE id = ${options.mismatchId}::uuid FOR UPDATE`;
  if (locked?.status !== "open" && locked?.status !== "acknowledged") return false;
  if (heal.kind === "fill_inserted") {
    await ingestFillInTx({ tx, venue: options.venue, trade: heal.trade, source: by.source });
  } else {
    const order = await lockOrder({ tx, by: { id: heal.orderId } });
    if (order) {
      const eventType = by.source === "operator" ? "operator_correction" : "reconciliation";
      const updated = await applyVenueOrder({ tx, order, venueOrder: heal.venueOrder, eventType });
      const target = statusFromVenue({
        status: heal.venueOrder.status,
        filledQuantity: heal.venueOrder.filledQuantity,
      });
      const forbidden = target && !canTransition({ from: updated.status, to: target });
      if (by.source === "operator" && target && target !== updated.status && forbidden) {
        await moveOrder({
          tx,
          order: updated,
          to: target,
          eventType,
          data: { venueStatus: heal.venueOrder.venueStatus, actor: by.actor, note: by.note },
          patch: {},
        });
      }
    }
  }
  const actor = by.source === "operator" ? by.actor : "reconciliation";
  const runId = by.source === "reconciliation" ? by.runId : null;
  const toStatus = by.source === "operator" ? "resolved" : "auto_resolved";
  const note = by.source === "operator" ? by.note : null;
  const evidence = heal.kind === "fill_inserted" ? { trade: heal.trade } : { venueOrder: heal.venueOrder };
  await tx.$executeRaw`
    INSERT INTO "Adjustment" (id, "mismatchId", "orderId", kind, evidence, "runId", source, actor, "createdAt")
    VALUES (gen_random_uuid(), ${options.mismatchId}::uuid, ${heal.orderId}::uuid, ${heal.kind},
            ${JSON.stringify({ ...evidence, runId, note })}::jsonb, ${runId}::uuid, ${by.source}, ${actor}, now())`;
  await tx.$executeRaw`
    UPDATE "Mismatch" SET status = ${toStatus}, resolution = ${`applied ${heal.kind}`},
      "resolvedBy" = ${actor}, "resolvedAt" = now(), note = COALESCE(${note}, note)
    WHERE id = ${options.mismatchId}::uuid AND status IN ('open', 'acknowledged')`;
  await tx.$executeRaw`
    INSERT INTO "MismatchEvent" ("mismatchId", action, "fromStatus", "toStatus", actor, note, data, "createdAt")
    VALUES (${options.mismatchId}::uuid, ${by.source === "operator" ? "adjusted" : "auto_resolved"},
            ${options.fromStatus}, ${toStatus}, ${actor}, ${note},
            ${JSON.stringify({ runId, adjustment: heal.kind })}::jsonb, now())`;
  await publishEvent(
    {
      type: "mismatch.updated",
      data: {
        mismatchId: options.mismatchId,
        status: toStatus,
        action: by.source === "operator" ? "adjust" : "auto_resolve",
      },
    },
    tx,
  );
  return true;
}
