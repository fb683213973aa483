-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "allowedCidrs" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "expiresAt" TIMESTAMPTZ(3);

