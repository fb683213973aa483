export type OrderOperation =
  | { kind: "place_order" }
  | { kind: "place_batch" }
  | { kind: "cancel_order"; orderId: string }
  | { kind: "other" };

/** Which order operation an idempotency record's path stands for. */
export function matchOperationPath(options: { path: string }): OrderOperation {
  const path = options.path.replace(/\/+$/, "");
  if (path === "/api/orders") return { kind: "place_order" };
  if (path === "/api/orders/batch") return { kind: "place_batch" };
  const cancel = /^\/api\/orders\/([^/]+)\/cancel$/.exec(path);
  if (cancel?.[1]) return { kind: "cancel_order", orderId: decodeURIComponent(cancel[1]) };
  return { kind: "other" };
}
