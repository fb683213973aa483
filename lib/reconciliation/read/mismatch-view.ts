import type { Mismatch } from "../../db/generated/prisma/client";
import { formatDecimal } from "../../instruments/format-decimal";

export interface MismatchView {
  id: string;
  type: string;
  severity: string;
  status: string;
  symbol: string | null;
  orderId: string | null;
  clientOrderId: string | null;
  venueOrderId: string | null;
  expected: unknown;
  actual: unknown;
  quantityDelta: string | null;
  notionalDelta: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  note: string | null;
}

/** The API shape of a mismatch: deltas as decimal strings, ISO times. */
export function toMismatchView(mismatch: Mismatch): MismatchView {
  return {
    id: mismatch.id,
    type: mismatch.type,
    severity: mismatch.severity,
    status: mismatch.status,
    symbol: mismatch.symbol,
    orderId: mismatch.orderId,
    clientOrderId: mismatch.clientOrderId,
    venueOrderId: mismatch.venueOrderId,
    expected: mismatch.expected,
    actual: mismatch.actual,
    quantityDelta: mismatch.quantityDelta === null ? null : formatDecimal(mismatch.quantityDelta),
    notionalDelta: mismatch.notionalDelta === null ? null : formatDecimal(mismatch.notionalDelta),
    firstSeenAt: mismatch.firstSeenAt.toISOString(),
    lastSeenAt: mismatch.lastSeenAt.toISOString(),
    resolution: mismatch.resolution,
    resolvedBy: mismatch.resolvedBy,
    resolvedAt: mismatch.resolvedAt?.toISOString() ?? null,
    note: mismatch.note,
  };
}
