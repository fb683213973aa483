import { Suspense } from "react";
import { ReconciliationDashboard } from "@/components/reconciliation/reconciliation-dashboard";
import { currentPrincipal } from "../../current-principal";

export default async function ReconciliationPage() {
  const principal = await currentPrincipal();
  return (
    // The dashboard reads its filters and the open mismatch from the URL (useSearchParams).
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <ReconciliationDashboard role={principal?.role ?? "viewer"} />
    </Suspense>
  );
}
