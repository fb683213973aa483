import { AccessDenied } from "@/components/ui/access-denied";
import { NotBuiltYet } from "@/components/ui/not-built-yet";
import { hasRole } from "@/lib/auth/roles";
import { currentPrincipal } from "../../current-principal";

export default async function AuditPage() {
  const principal = await currentPrincipal();
  if (!principal || !hasRole(principal.role, "risk")) return <AccessDenied requiredRole="risk" />;
  return (
    <NotBuiltYet
      title="Audit"
      what="Browsing and exporting the audit trail arrives with the audit capability; events are already recorded."
    />
  );
}
