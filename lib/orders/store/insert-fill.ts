import type { Tx } from "../../db/sql";
import type { VenueTrade } from "../../venue/port/venue-types";

/** Where we learned of a fill: the user stream, a lookup, reconciliation, or an operator's adjustment. */
export type FillSource = "venue_stream" | "lookup" | "reconciliation" | "operator";

/** Stores a venue execution for an order once (unique venue + trade id); null when it was already stored. */
export async function insertFill(options: {
  tx: Tx;
  orderId: string;
  venue: string;
  trade: VenueTrade;
  source: FillSource;
}): Promise<string | null> {
  const { tx, trade } = options;
  const fee = trade.fee?.amount ?? "0";
  const feeAsset = trade.fee?.currency ?? "";
  const executedAt = new Date(trade.timestamp ?? Date.now());
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Fill" (id, "orderId", venue, "venueTradeId", price, quantity, fee, "feeAsset", liquidity,
                        source, "executedAt", "createdAt")
    VALUES (gen_random_uuid(), ${options.orderId}::uuid, ${options.venue}, ${trade.tradeId}, ${trade.price}::numeric,
            ${trade.quantity}::numeric, ${fee}::numeric, ${feeAsset}, ${trade.liquidity}, ${options.source}, ${executedAt}, now())
    ON CONFLICT (venue, "venueTradeId") DO NOTHING
    RETURNING id`;
  return inserted[0]?.id ?? null;
}
