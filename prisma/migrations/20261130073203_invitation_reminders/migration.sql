-- AlterTable
ALTER TABLE "admit"."campaign" ADD COLUMN     "reminderHours" INTEGER;

-- AlterTable
ALTER TABLE "admit"."organization_settings" ADD COLUMN     "reminderHours" INTEGER;

-- CreateTable
CREATE TABLE "admit"."invitation_reminder" (
    "invitationId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "campaignId" TEXT,
    "hoursBefore" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'sending',
    "messageId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitation_reminder_pkey" PRIMARY KEY ("invitationId")
);

-- CreateIndex
CREATE INDEX "invitation_reminder_organizationId_createdAt_idx" ON "admit"."invitation_reminder"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "campaign_recipient_invitationId_idx" ON "admit"."campaign_recipient"("invitationId");
