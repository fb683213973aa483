-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "lastSendAt" TIMESTAMPTZ(3);


-- Orders still unsettled get their last activity as the newest send: a lookup that finds nothing is
-- then evidence only after that time plus the venue's execution window.
UPDATE "Order" SET "lastSendAt" = "updatedAt" WHERE status IN ('pending_new', 'unknown');
