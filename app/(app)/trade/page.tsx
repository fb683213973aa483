import { OrderBookPanel } from "@/components/orderbook/order-book-panel";
import { OrderBlotter } from "@/components/orders/blotter/order-blotter";
import { OrderTicket } from "@/components/orders/ticket/order-ticket";
import { BalancesPanel } from "@/components/reconciliation/balances-panel";
import { hasRole } from "@/lib/auth/roles";
import { currentPrincipal } from "../../current-principal";

export default async function TradePage() {
  const principal = await currentPrincipal();
  // Viewers watch: the blotter without cancel buttons and no ticket. The API enforces the same rule.
  const canTrade = principal !== null && hasRole(principal.role, "trader");
  return (
    <div className={canTrade ? "trade-page" : "trade-page trade-page-viewer"}>
      <h1 className="sr-only">Trade</h1>
      <div className="trade-book">
        <OrderBookPanel />
      </div>
      {canTrade && (
        <div className="trade-ticket">
          <OrderTicket />
          <BalancesPanel compact />
        </div>
      )}
      <div className="trade-blotter">
        <OrderBlotter canTrade={canTrade} />
      </div>
    </div>
  );
}
