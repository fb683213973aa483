import { prisma } from "../../db/prisma";
import { DomainError } from "../../errors/domain-error";
import { getOrderOrThrow } from "../../orders/get-order-or-throw";
import type { OrderDetail } from "../../orders/order-wire-schema";
import { type MismatchView, toMismatchView } from "./mismatch-view";

const MAX_RUNS = 50;

export type MismatchDetail = MismatchView & {
  timeline: Array<{
    id: string;
    action: string;
    fromStatus: string | null;
    toStatus: string | null;
    actor: string;
    note: string | null;
    data: unknown;
    createdAt: string;
  }>;
  /** The runs that saw it, newest first, at most 50. */
  runs: Array<{ id: string; startedAt: string }>;
  adjustments: Array<{
    id: string;
    kind: string;
    orderId: string | null;
    runId: string | null;
    source: string;
    actor: string;
    evidence: unknown;
    createdAt: string;
  }>;
  /** The order it is about, with its events and fills; null when it has none (or the order is gone). */
  order: OrderDetail | null;
};

async function orderOrNull(id: string | null): Promise<OrderDetail | null> {
  if (!id) return null;
  try {
    return await getOrderOrThrow({ id });
  } catch (error) {
    if (error instanceof DomainError && error.code === "order_not_found") return null;
    throw error;
  }
}

/** One mismatch with its timeline, the runs that saw it, its adjustments and its order; not_found mismatch_not_found. */
export async function getMismatchOrThrow(options: { id: string }): Promise<MismatchDetail> {
  const mismatch = await prisma().mismatch.findUnique({
    where: { id: options.id },
    include: {
      events: { orderBy: { id: "asc" } },
      sightings: {
        include: { run: { select: { id: true, startedAt: true } } },
        orderBy: [{ run: { startedAt: "desc" } }, { runId: "desc" }],
        take: MAX_RUNS,
      },
      adjustments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!mismatch)
    throw new DomainError({
      kind: "not_found",
      code: "mismatch_not_found",
      detail: "No mismatch with this id",
    });
  return {
    ...toMismatchView(mismatch),
    timeline: mismatch.events.map((event) => ({
      id: event.id.toString(),
      action: event.action,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      actor: event.actor,
      note: event.note,
      data: event.data,
      createdAt: event.createdAt.toISOString(),
    })),
    runs: mismatch.sightings.map((sighting) => ({
      id: sighting.run.id,
      startedAt: sighting.run.startedAt.toISOString(),
    })),
    adjustments: mismatch.adjustments.map((adjustment) => ({
      id: adjustment.id,
      kind: adjustment.kind,
      orderId: adjustment.orderId,
      runId: adjustment.runId,
      source: adjustment.source,
      actor: adjustment.actor,
      evidence: adjustment.evidence,
      createdAt: adjustment.createdAt.toISOString(),
    })),
    order: await orderOrNull(mismatch.orderId),
  };
}
