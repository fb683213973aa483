import { RiskLimitsPanel } from "@/components/admin/risk-limits-panel";
import { TokensPanel } from "@/components/admin/tokens-panel";
import { UsersPanel } from "@/components/admin/users-panel";
import { WebhookSourcesPanel } from "@/components/admin/webhook-sources-panel";
import { AccessDenied } from "@/components/ui/access-denied";
import { hasRole } from "@/lib/auth/roles";
import { currentPrincipal } from "../../current-principal";

export default async function AdminPage() {
  const principal = await currentPrincipal();
  if (!principal) return <AccessDenied requiredRole="risk" />;
  const isRisk = hasRole(principal.role, "risk");
  // everyone may read the risk limits here (they are what the ticket checks); only risk changes them
  return (
    <div className="stack-lg">
      <h1>Admin</h1>
      <RiskLimitsPanel editable={isRisk} />
      {isRisk ? (
        <>
          <UsersPanel currentUserId={principal.id} />
          <TokensPanel />
          <WebhookSourcesPanel />
        </>
      ) : (
        <AccessDenied requiredRole="risk" />
      )}
    </div>
  );
}
