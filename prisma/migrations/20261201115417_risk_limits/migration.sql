-- CreateTable
CREATE TABLE "RiskLimit" (
    "scope" TEXT NOT NULL,
    "maxOrderQuantity" DECIMAL(36,18),
    "maxOrderNotional" DECIMAL(36,18),
    "maxOpenOrders" INTEGER,
    "maxPosition" DECIMAL(36,18),
    "priceBandPercent" DECIMAL(36,18),
    "updatedBy" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskLimit_pkey" PRIMARY KEY ("scope")
);

