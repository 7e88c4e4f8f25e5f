-- CreateTable
CREATE TABLE "sign_in_link" (
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedIp" TEXT,
    "usedUserAgent" TEXT,
    "sessionId" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "sign_in_link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sign_in_link_createdAt_idx" ON "sign_in_link"("createdAt");

-- CreateIndex
CREATE INDEX "sign_in_link_userId_idx" ON "sign_in_link"("userId");

-- CreateIndex
CREATE INDEX "sign_in_link_issuerId_createdAt_idx" ON "sign_in_link"("issuerId", "createdAt");

-- CreateIndex
CREATE INDEX "sign_in_link_email_idx" ON "sign_in_link"("email");

-- CreateIndex
CREATE UNIQUE INDEX "sign_in_link_tokenHash_key" ON "sign_in_link"("tokenHash");
