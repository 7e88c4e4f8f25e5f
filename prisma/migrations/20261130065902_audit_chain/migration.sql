-- AlterTable
ALTER TABLE "admit"."audit_event" ADD COLUMN     "chain" TEXT,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "seq" INTEGER;

-- CreateTable
CREATE TABLE "admit"."audit_chain" (
    "chain" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "sealedAt" TIMESTAMPTZ(6) NOT NULL,
    "checkpointSeq" INTEGER,
    "checkpointHash" TEXT,
    "checkpointSignature" TEXT,
    "prunedCount" INTEGER NOT NULL DEFAULT 0,
    "prunedAt" TIMESTAMPTZ(6),

    CONSTRAINT "audit_chain_pkey" PRIMARY KEY ("chain")
);

-- CreateIndex
CREATE INDEX "audit_event_seq_idx" ON "admit"."audit_event"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_chain_seq_key" ON "admit"."audit_event"("chain", "seq");
