import { Suspense } from "react";
import { FilteredOrdersPanel } from "@/components/orders/filters/filtered-orders-panel";
import { hasRole } from "@/lib/auth/roles";
import { currentPrincipal } from "../../current-principal";

export default async function OrdersPage() {
  const principal = await currentPrincipal();
  const canTrade = principal !== null && hasRole(principal.role, "trader");
  return (
    <div className="stack-lg">
      <h1>Orders</h1>
      {/* The panel reads its filters from the URL (useSearchParams). */}
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <FilteredOrdersPanel canTrade={canTrade} />
      </Suspense>
    </div>
  );
}
