import { E2E_SIM_PORT } from "../../playwright.config";

/** The e2e server's simulated venue: scripts/start.ts spawns it on TALLY_SIM_PORT (see playwright.config.ts). */
export const SIM_PORT = E2E_SIM_PORT;
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;

/** An order as the venue itself holds it (Binance `GET /api/v3/order` shape). */
export type VenueOrder = {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  price: string;
  origQty: string;
  status: string;
  side: "BUY" | "SELL";
};

/** Every order of the venue account, the venue's truth independent of Tally's database. */
export async function venueOrders(): Promise<VenueOrder[]> {
  const response = await fetch(`${SIM_URL}/__sim/orders`);
  if (!response.ok) throw new Error(`GET /__sim/orders: ${response.status}`);
  return (await response.json()) as VenueOrder[];
}

/** Starts or stops the venue's synthetic market, so a test can read a book that holds still. */
export async function setSyntheticMarketRunning(running: boolean): Promise<void> {
  const response = await fetch(`${SIM_URL}/__sim/market`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ running }),
  });
  if (!response.ok) throw new Error(`POST /__sim/market: ${response.status}`);
}

/** Cancels an order at the venue behind Tally's back, as an operator on the exchange's own site would. */
export async function cancelAtVenue(clientOrderId: string): Promise<void> {
  const response = await fetch(`${SIM_URL}/__sim/venue-cancel`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ clientOrderId, status: "CANCELED" }),
  });
  if (!response.ok) throw new Error(`POST /__sim/venue-cancel: ${response.status}`);
}

/** Places an order on our account at the venue as someone outside Tally would (a BTCUSDT limit buy). */
export async function placeForeignOrder(options: {
  clientOrderId: string;
  quantity: string;
  price: string;
}): Promise<{ orderId: number }> {
  const response = await fetch(`${SIM_URL}/__sim/foreign-order`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ symbol: "BTCUSDT", side: "BUY", type: "LIMIT", ...options }),
  });
  if (!response.ok) throw new Error(`POST /__sim/foreign-order: ${response.status}`);
  return (await response.json()) as { orderId: number };
}
