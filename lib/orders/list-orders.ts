import type { Prisma } from "../db/generated/prisma/client";
import type { OrderStatus } from "../db/generated/prisma/enums";
import { prisma } from "../db/prisma";
import { DomainError } from "../errors/domain-error";
import { toOrderView } from "./order-view";
import type { OrderListPage } from "./order-wire-schema";
import { withPlacedBy } from "./with-placed-by";

export interface ListOrdersOptions {
  statuses?: OrderStatus[];
  symbol?: string;
  side?: "buy" | "sell";
  origin?: "tally" | "webhook" | "external";
  from?: Date;
  to?: Date;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  limit: number;
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad cursor");
    return { createdAt, id };
  } catch {
    throw new DomainError({
      kind: "bad_request",
      code: "validation_failed",
      detail: "The request query is invalid: cursor: not a cursor from this API",
      extra: { errors: [{ field: "cursor", message: "not a cursor from this API" }] },
    });
  }
}

const encodeCursor = (order: { createdAt: Date; id: string }) =>
  Buffer.from(JSON.stringify([order.createdAt.toISOString(), order.id])).toString("base64url");

/** Orders newest first (createdAt, then id), filtered, with a stable keyset cursor. */
export async function listOrders(options: ListOrdersOptions): Promise<OrderListPage> {
  const and: Prisma.OrderWhereInput[] = [];
  if (options.statuses?.length) and.push({ status: { in: options.statuses } });
  if (options.symbol) and.push({ symbol: options.symbol });
  if (options.side) and.push({ side: options.side });
  if (options.origin) and.push({ origin: options.origin });
  if (options.from) and.push({ createdAt: { gte: options.from } });
  if (options.to) and.push({ createdAt: { lt: options.to } });
  if (options.cursor) {
    const { createdAt, id } = decodeCursor(options.cursor);
    and.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });
  }
  const rows = await prisma().order.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    orders: await withPlacedBy(page.map(toOrderView)),
    nextCursor: rows.length > options.limit && last ? encodeCursor(last) : null,
  };
}
