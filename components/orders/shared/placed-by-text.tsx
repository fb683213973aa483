import type { PlacedBy } from "@/lib/orders/order-wire-schema";

/** "alice", "token ci-bot (bob)" for an order a script placed with an API token, or "webhook tradingview". */
export function PlacedByText({ placedBy }: { placedBy: PlacedBy | null | undefined }) {
  if (!placedBy) return <span className="muted">—</span>;
  if (placedBy.kind === "user") return <>{placedBy.name}</>;
  if (placedBy.kind === "webhook")
    return (
      <>
        <span className="muted">webhook</span> {placedBy.name}
      </>
    );
  return (
    <>
      <span className="muted">token</span> {placedBy.name} <span className="muted">({placedBy.owner})</span>
    </>
  );
}
