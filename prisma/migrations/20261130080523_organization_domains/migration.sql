-- CreateTable
CREATE TABLE "admit"."organization_domain" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "verifiedAt" TIMESTAMPTZ(6),
    "policy" TEXT NOT NULL DEFAULT 'none',
    "role" TEXT NOT NULL DEFAULT 'member',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_domain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admit"."join_request" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(6),
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "join_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "organization_domain_domain_idx" ON "admit"."organization_domain"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "organization_domain_organizationId_domain_key" ON "admit"."organization_domain"("organizationId", "domain");

-- CreateIndex
CREATE INDEX "join_request_organizationId_status_idx" ON "admit"."join_request"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "join_request_organizationId_userId_key" ON "admit"."join_request"("organizationId", "userId");
