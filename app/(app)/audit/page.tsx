import { Suspense } from "react";
import { AuditPanel } from "@/components/audit/audit-panel";
import { AccessDenied } from "@/components/ui/access-denied";
import { hasRole } from "@/lib/auth/roles";
import { currentPrincipal } from "../../current-principal";

export default async function AuditPage() {
  const principal = await currentPrincipal();
  if (!principal || !hasRole(principal.role, "risk")) return <AccessDenied requiredRole="risk" />;
  return (
    <div className="stack-lg">
      <h1>Audit</h1>
      {/* The panel reads its filters from the URL (useSearchParams). */}
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <AuditPanel />
      </Suspense>
    </div>
  );
}
