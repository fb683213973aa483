import { OrderDetailPanel } from "@/components/orders/detail/order-detail-panel";
import { hasRole } from "@/lib/auth/roles";
import { currentPrincipal } from "../../../current-principal";

export default async function OrderDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const principal = await currentPrincipal();
  const canTrade = principal !== null && hasRole(principal.role, "trader");
  return <OrderDetailPanel id={id} canTrade={canTrade} />;
}
