-- AlterTable
ALTER TABLE "KillSwitch" ADD COLUMN     "autoCanceledVersion" INTEGER;

