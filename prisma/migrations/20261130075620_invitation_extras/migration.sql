-- CreateTable
CREATE TABLE "admit"."invitation_extra" (
    "invitationId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "redirectTo" TEXT,
    "metadata" JSONB,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "invitation_extra_pkey" PRIMARY KEY ("invitationId")
);

-- CreateTable
CREATE TABLE "admit"."member_metadata" (
    "memberId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "metadata" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_metadata_pkey" PRIMARY KEY ("memberId")
);

-- CreateIndex
CREATE INDEX "member_metadata_organizationId_userId_idx" ON "admit"."member_metadata"("organizationId", "userId");
