/** Binance spot request weights of the endpoints the adapter calls (the simulator charges the same). */
export const WEIGHT = {
  exchangeInfo: 20,
  time: 1,
  cancelOrder: 1,
  cancelOpenOrders: 1,
  order: 4,
  openOrders: 80,
  openOrdersOfSymbol: 6,
  myTrades: 20,
  account: 20,
} as const;

export function depthWeight(limit: number | undefined): number {
  const rows = limit ?? 100;
  if (rows <= 100) return 5;
  if (rows <= 500) return 25;
  if (rows <= 1000) return 50;
  return 250;
}
