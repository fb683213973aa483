import { prisma } from "../db/prisma";
import type { OrderView, PlacedBy } from "./order-wire-schema";

export type OrderViewWithPlacedBy<T extends OrderView = OrderView> = T & { placedBy: PlacedBy | null };

/** Adds `placedBy` to each order with one query each for the users, the tokens and the webhook sources. */
export async function withPlacedBy<T extends OrderView>(orders: T[]): Promise<OrderViewWithPlacedBy<T>[]> {
  const userIds = [...new Set(orders.flatMap((order) => order.createdByUserId ?? []))];
  const tokenIds = [...new Set(orders.flatMap((order) => order.createdByTokenId ?? []))];
  const sourceIds = [...new Set(orders.flatMap((order) => order.createdByWebhookSourceId ?? []))];
  const [users, tokens, sources] = await Promise.all([
    userIds.length
      ? prisma().user.findMany({ where: { id: { in: userIds } }, select: { id: true, username: true } })
      : [],
    tokenIds.length
      ? prisma().apiToken.findMany({
          where: { id: { in: tokenIds } },
          select: { id: true, name: true, createdBy: { select: { username: true } } },
        })
      : [],
    sourceIds.length
      ? prisma().webhookSource.findMany({
          where: { id: { in: sourceIds } },
          select: { id: true, name: true },
        })
      : [],
  ]);
  const sourceNames = new Map(sources.map((source) => [source.id, source.name]));
  const userNames = new Map(users.map((user) => [user.id, user.username]));
  const tokenNames = new Map(tokens.map((token) => [token.id, token]));
  return orders.map((order) => {
    const token = order.createdByTokenId ? tokenNames.get(order.createdByTokenId) : undefined;
    const userName = order.createdByUserId ? userNames.get(order.createdByUserId) : undefined;
    let placedBy: PlacedBy | null = null;
    if (token) placedBy = { kind: "token", id: token.id, name: token.name, owner: token.createdBy.username };
    else if (userName && order.createdByUserId)
      placedBy = { kind: "user", id: order.createdByUserId, name: userName };
    const sourceName = order.createdByWebhookSourceId
      ? sourceNames.get(order.createdByWebhookSourceId)
      : undefined;
    if (sourceName && order.createdByWebhookSourceId)
      placedBy = { kind: "webhook", id: order.createdByWebhookSourceId, name: sourceName };
    return { ...order, placedBy };
  });
}
