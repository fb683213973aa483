import { TokensPanel } from "@/components/admin/tokens-panel";
import { UsersPanel } from "@/components/admin/users-panel";
import { AccessDenied } from "@/components/ui/access-denied";
import { hasRole } from "@/lib/auth/roles";
import { currentPrincipal } from "../../current-principal";

export default async function AdminPage() {
  const principal = await currentPrincipal();
  if (!principal || !hasRole(principal.role, "risk")) return <AccessDenied requiredRole="risk" />;
  return (
    <div className="stack-lg">
      <h1>Admin</h1>
      <UsersPanel currentUserId={principal.id} />
      <TokensPanel />
    </div>
  );
}
