-- CreateTable
CREATE TABLE "admit"."organization_settings" (
    "organizationId" TEXT NOT NULL,
    "seatLimit" INTEGER,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "organization_settings_pkey" PRIMARY KEY ("organizationId")
);
