-- AlterTable
ALTER TABLE "Fill" ADD COLUMN     "xact" xid8 DEFAULT pg_current_xact_id();

-- AlterTable
ALTER TABLE "BalanceBaseline" ADD COLUMN     "checkpointAt" TIMESTAMPTZ(3),
ADD COLUMN     "checkpointFills" DECIMAL(36,18) NOT NULL DEFAULT 0,
ADD COLUMN     "checkpointXact" xid8;

-- CreateIndex
CREATE INDEX "Order_symbol_createdAt_idx" ON "Order"("symbol", "createdAt");


-- Balance checks read only the fills committed since their checkpoint
CREATE INDEX "Fill_xact_idx" ON "Fill"("xact");

-- The fills-the-venue-lacks check reads our fills by numeric trade id range (Binance trade ids)
CREATE INDEX "Fill_venue_numeric_trade_id_idx" ON "Fill"("venue", (("venueTradeId")::numeric)) WHERE "venueTradeId" ~ '^[0-9]+$';
