import type { PlacedBy } from "@/lib/orders/order-wire-schema";

/** "alice", or "token ci-bot (bob)" for an order a script or webhook placed with an API token. */
export function PlacedByText({ placedBy }: { placedBy: PlacedBy | null | undefined }) {
  if (!placedBy) return <span className="muted">—</span>;
  if (placedBy.kind === "user") return <>{placedBy.name}</>;
  return (
    <>
      <span className="muted">token</span> {placedBy.name} <span className="muted">({placedBy.owner})</span>
    </>
  );
}
