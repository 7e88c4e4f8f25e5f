-- Admit's own tables, in the "admit" schema. The application's (better-auth's) tables in "public" are never
-- touched by a migration: see prisma/schema.prisma.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "admit";

-- CreateTable
CREATE TABLE "admit"."audit_event" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "impersonatorId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "targetLabel" TEXT,
    "organizationId" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "ipAddress" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admit"."rateLimit" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastRequest" BIGINT NOT NULL,

    CONSTRAINT "rateLimit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admit"."sign_in_link" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "userId" TEXT,
    "email" TEXT NOT NULL,
    "issuerId" TEXT,
    "issuerEmail" TEXT,
    "reason" TEXT,
    "redirectTo" TEXT NOT NULL DEFAULT '/welcome',
    "invitationId" TEXT,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(6) NOT NULL,
    "usedAt" TIMESTAMPTZ(6),
    "usedIp" TEXT,
    "usedUserAgent" TEXT,
    "sessionId" TEXT,
    "revokedAt" TIMESTAMPTZ(6),
    "revokedById" TEXT,

    CONSTRAINT "sign_in_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admit"."campaign" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "name" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "teamId" TEXT,
    "expiresIn" INTEGER NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdByEmail" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(6),
    "finishedAt" TIMESTAMPTZ(6),

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admit"."campaign_draft" (
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "records" JSONB NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_draft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admit"."campaign_recipient" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT,
    "teamId" TEXT,
    "fields" JSONB NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "deliveryStatus" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "invitationId" TEXT,
    "linkId" TEXT,
    "messageId" TEXT,
    "sentAt" TIMESTAMPTZ(6),
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "campaign_recipient_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_event_createdAt_idx" ON "admit"."audit_event"("createdAt");

-- CreateIndex
CREATE INDEX "audit_event_organizationId_createdAt_idx" ON "admit"."audit_event"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_event_actorId_createdAt_idx" ON "admit"."audit_event"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_event_action_createdAt_idx" ON "admit"."audit_event"("action", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "rateLimit_key_key" ON "admit"."rateLimit"("key");

-- CreateIndex
CREATE INDEX "sign_in_link_createdAt_idx" ON "admit"."sign_in_link"("createdAt");

-- CreateIndex
CREATE INDEX "sign_in_link_userId_idx" ON "admit"."sign_in_link"("userId");

-- CreateIndex
CREATE INDEX "sign_in_link_issuerId_createdAt_idx" ON "admit"."sign_in_link"("issuerId", "createdAt");

-- CreateIndex
CREATE INDEX "sign_in_link_email_idx" ON "admit"."sign_in_link"("email");

-- CreateIndex
CREATE UNIQUE INDEX "sign_in_link_tokenHash_key" ON "admit"."sign_in_link"("tokenHash");

-- CreateIndex
CREATE INDEX "campaign_organizationId_createdAt_idx" ON "admit"."campaign"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "campaign_createdAt_idx" ON "admit"."campaign"("createdAt");

-- CreateIndex
CREATE INDEX "campaign_draft_createdById_idx" ON "admit"."campaign_draft"("createdById");

-- CreateIndex
CREATE INDEX "campaign_draft_createdAt_idx" ON "admit"."campaign_draft"("createdAt");

-- CreateIndex
CREATE INDEX "campaign_recipient_campaignId_status_idx" ON "admit"."campaign_recipient"("campaignId", "status");

-- CreateIndex
CREATE INDEX "campaign_recipient_messageId_idx" ON "admit"."campaign_recipient"("messageId");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_recipient_campaignId_row_key" ON "admit"."campaign_recipient"("campaignId", "row");

-- AddForeignKey
ALTER TABLE "admit"."campaign_recipient" ADD CONSTRAINT "campaign_recipient_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "admit"."campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
