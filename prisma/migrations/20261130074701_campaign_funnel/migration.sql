-- AlterTable
ALTER TABLE "admit"."campaign_recipient" ADD COLUMN     "clickedAt" TIMESTAMPTZ(6),
ADD COLUMN     "deliveredAt" TIMESTAMPTZ(6),
ADD COLUMN     "openedAt" TIMESTAMPTZ(6);
