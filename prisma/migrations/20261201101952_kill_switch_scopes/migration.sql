-- The kill switch gets scopes: "global" (the former row 1) and one row per halted symbol.
ALTER TABLE "KillSwitch" ADD COLUMN "scope" TEXT, ADD COLUMN "actor" TEXT;
UPDATE "KillSwitch" SET "scope" = 'global', "actor" = "changedBy";
DELETE FROM "KillSwitch" WHERE "scope" IS NULL;
ALTER TABLE "KillSwitch" DROP CONSTRAINT "KillSwitch_pkey",
DROP COLUMN "changedBy",
DROP COLUMN "id",
ALTER COLUMN "scope" SET NOT NULL,
ADD CONSTRAINT "KillSwitch_pkey" PRIMARY KEY ("scope");

-- Every event so far was global.
ALTER TABLE "KillSwitchEvent" ADD COLUMN "scope" TEXT NOT NULL DEFAULT 'global';
ALTER TABLE "KillSwitchEvent" ALTER COLUMN "scope" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "KillSwitchEvent_scope_createdAt_idx" ON "KillSwitchEvent"("scope", "createdAt");
