-- CreateTable
CREATE TABLE "campaign_draft" (
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "records" JSONB NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_draft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "campaign_draft_createdById_idx" ON "campaign_draft"("createdById");

-- CreateIndex
CREATE INDEX "campaign_draft_createdAt_idx" ON "campaign_draft"("createdAt");
