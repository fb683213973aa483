-- The placeholder reconciliation tables of the first migration were never written by any code:
-- they are reshaped for the reconciliation engine (nothing to carry over).
DELETE FROM "Mismatch";
DELETE FROM "ReconciliationRun";

-- CreateEnum
CREATE TYPE "OrderOrigin" AS ENUM ('tally', 'webhook', 'external');

-- DropForeignKey
ALTER TABLE "Mismatch" DROP CONSTRAINT "Mismatch_runId_fkey";

-- DropIndex
DROP INDEX "Mismatch_status_createdAt_idx";

-- DropIndex
DROP INDEX "Mismatch_runId_idx";

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "origin" "OrderOrigin" NOT NULL DEFAULT 'tally';

-- AlterTable
ALTER TABLE "Fill" ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'venue_stream';

-- AlterTable
ALTER TABLE "ReconciliationRun" DROP COLUMN "mismatchCount",
DROP COLUMN "summary",
ADD COLUMN     "autoResolved" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "checked" JSONB,
ADD COLUMN     "cleared" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "durationMs" INTEGER,
ADD COLUMN     "found" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "instance" TEXT NOT NULL,
ADD COLUMN     "updated" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "venueRequests" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "venueWeight" INTEGER;

-- AlterTable
ALTER TABLE "Mismatch" DROP COLUMN "createdAt",
DROP COLUMN "details",
DROP COLUMN "kind",
DROP COLUMN "runId",
ADD COLUMN     "actual" JSONB NOT NULL,
ADD COLUMN     "expected" JSONB NOT NULL,
ADD COLUMN     "fingerprint" TEXT NOT NULL,
ADD COLUMN     "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
ADD COLUMN     "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
ADD COLUMN     "note" TEXT,
ADD COLUMN     "notionalDelta" DECIMAL(36,18),
ADD COLUMN     "quantityDelta" DECIMAL(36,18),
ADD COLUMN     "subject" TEXT NOT NULL,
ADD COLUMN     "symbol" TEXT,
ADD COLUMN     "type" TEXT NOT NULL,
DROP COLUMN "status",
ADD COLUMN     "status" TEXT NOT NULL;

-- DropEnum
DROP TYPE "MismatchStatus";

-- CreateTable
CREATE TABLE "MismatchSighting" (
    "mismatchId" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "seenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MismatchSighting_pkey" PRIMARY KEY ("mismatchId","runId")
);

-- CreateTable
CREATE TABLE "MismatchEvent" (
    "id" BIGSERIAL NOT NULL,
    "mismatchId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "actor" TEXT NOT NULL,
    "note" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MismatchEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Adjustment" (
    "id" UUID NOT NULL,
    "mismatchId" UUID,
    "orderId" UUID,
    "kind" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "runId" UUID,
    "source" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Adjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationCursor" (
    "symbol" TEXT NOT NULL,
    "lastTradeId" TEXT NOT NULL,
    "lastTradeAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReconciliationCursor_pkey" PRIMARY KEY ("symbol")
);

-- CreateTable
CREATE TABLE "BalanceBaseline" (
    "asset" TEXT NOT NULL,
    "amount" DECIMAL(36,18) NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BalanceBaseline_pkey" PRIMARY KEY ("asset")
);

-- CreateIndex
CREATE INDEX "MismatchSighting_runId_idx" ON "MismatchSighting"("runId");

-- CreateIndex
CREATE INDEX "MismatchEvent_mismatchId_id_idx" ON "MismatchEvent"("mismatchId", "id");

-- CreateIndex
CREATE INDEX "Adjustment_orderId_idx" ON "Adjustment"("orderId");

-- CreateIndex
CREATE INDEX "Adjustment_createdAt_idx" ON "Adjustment"("createdAt");

-- CreateIndex
CREATE INDEX "Mismatch_status_lastSeenAt_idx" ON "Mismatch"("status", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Mismatch_type_subject_idx" ON "Mismatch"("type", "subject");

-- CreateIndex
CREATE INDEX "Mismatch_firstSeenAt_idx" ON "Mismatch"("firstSeenAt");

-- AddForeignKey
ALTER TABLE "MismatchSighting" ADD CONSTRAINT "MismatchSighting_mismatchId_fkey" FOREIGN KEY ("mismatchId") REFERENCES "Mismatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MismatchSighting" ADD CONSTRAINT "MismatchSighting_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ReconciliationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MismatchEvent" ADD CONSTRAINT "MismatchEvent_mismatchId_fkey" FOREIGN KEY ("mismatchId") REFERENCES "Mismatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_mismatchId_fkey" FOREIGN KEY ("mismatchId") REFERENCES "Mismatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- At most one run in progress across all app instances.
CREATE UNIQUE INDEX "ReconciliationRun_one_running" ON "ReconciliationRun" ((true)) WHERE status = 'running';

-- One unresolved mismatch per (type, subject): the next run that sees it updates that row.
CREATE UNIQUE INDEX "Mismatch_unresolved_type_subject" ON "Mismatch" (type, subject)
  WHERE status IN ('open', 'acknowledged');
