import { currentPrincipal } from "@/app/current-principal";
import { OrderBlotter } from "@/components/orders/order-blotter";
import { hasRole } from "@/lib/auth/roles";

export default async function OrdersPage() {
  const principal = await currentPrincipal();
  const canTrade = principal !== null && hasRole(principal.role, "trader");
  return (
    <div className="stack-lg">
      <h1>Orders</h1>
      <OrderBlotter canTrade={canTrade} />
    </div>
  );
}
