-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "invitation_email_trgm_idx" ON "invitation" USING GIN ("email" gin_trgm_ops);
