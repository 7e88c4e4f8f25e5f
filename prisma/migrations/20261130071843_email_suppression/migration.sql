-- AlterTable
ALTER TABLE "admit"."campaign" ADD COLUMN     "ignoreBounceRate" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "pausedReason" TEXT;

-- CreateTable
CREATE TABLE "admit"."email_suppression" (
    "email" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT,
    "campaignId" TEXT,
    "messageId" TEXT,
    "createdById" TEXT,
    "createdByEmail" TEXT,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_suppression_pkey" PRIMARY KEY ("email")
);

-- CreateIndex
CREATE INDEX "email_suppression_createdAt_idx" ON "admit"."email_suppression"("createdAt");
