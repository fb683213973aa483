-- CreateEnum
CREATE TYPE "WebhookIntentStatus" AS ENUM ('queued', 'placed', 'pending', 'canceled', 'rejected', 'failed');

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "createdByWebhookSourceId" UUID;

-- CreateTable
CREATE TABLE "WebhookSource" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "secretCiphertext" TEXT NOT NULL,
    "previousSecretCiphertext" TEXT,
    "previousSecretExpiresAt" TIMESTAMPTZ(3),
    "role" "Role" NOT NULL DEFAULT 'trader',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WebhookSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookIntent" (
    "id" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "webhookId" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "WebhookIntentStatus" NOT NULL DEFAULT 'queued',
    "orderId" UUID,
    "error" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WebhookIntent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookIntent_status_createdAt_idx" ON "WebhookIntent"("status", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookIntent_sourceId_createdAt_idx" ON "WebhookIntent"("sourceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookIntent_sourceId_webhookId_key" ON "WebhookIntent"("sourceId", "webhookId");

-- AddForeignKey
ALTER TABLE "WebhookIntent" ADD CONSTRAINT "WebhookIntent_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "WebhookSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

