-- API keys (better-auth's api-key plugin, its `apikey` model in Admit's schema), the first answers to POSTs with an
-- Idempotency-Key, and the API key behind each audit event.

-- AlterTable
ALTER TABLE "admit"."audit_event" ADD COLUMN     "apiKeyId" TEXT;

-- CreateTable
CREATE TABLE "admit"."apikey" (
    "id" TEXT NOT NULL,
    "configId" TEXT NOT NULL DEFAULT 'default',
    "name" TEXT,
    "start" TEXT,
    "referenceId" TEXT NOT NULL,
    "prefix" TEXT,
    "key" TEXT NOT NULL,
    "refillInterval" INTEGER,
    "refillAmount" INTEGER,
    "lastRefillAt" TIMESTAMPTZ(6),
    "enabled" BOOLEAN DEFAULT true,
    "rateLimitEnabled" BOOLEAN DEFAULT true,
    "rateLimitTimeWindow" INTEGER,
    "rateLimitMax" INTEGER,
    "requestCount" INTEGER DEFAULT 0,
    "remaining" INTEGER,
    "lastRequest" TIMESTAMPTZ(6),
    "expiresAt" TIMESTAMPTZ(6),
    "createdAt" TIMESTAMPTZ(6) NOT NULL,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,
    "permissions" TEXT,
    "metadata" TEXT,
    "revokedAt" TIMESTAMPTZ(6),
    "revokedById" TEXT,

    CONSTRAINT "apikey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admit"."api_idempotency" (
    "apiKeyId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER,
    "body" JSONB,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_idempotency_pkey" PRIMARY KEY ("apiKeyId","key")
);

-- CreateIndex
CREATE INDEX "apikey_referenceId_idx" ON "admit"."apikey"("referenceId");

-- CreateIndex
CREATE UNIQUE INDEX "apikey_key_key" ON "admit"."apikey"("key");

-- CreateIndex
CREATE INDEX "api_idempotency_createdAt_idx" ON "admit"."api_idempotency"("createdAt");
