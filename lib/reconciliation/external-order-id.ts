import { createHash } from "node:crypto";

/** A deterministic order id for someone else's venue order, so a second run finds the same row. */
export function externalOrderId(venue: string, venueOrderId: string): string {
  const hex = createHash("sha256").update(`external|${venue}|${venueOrderId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
