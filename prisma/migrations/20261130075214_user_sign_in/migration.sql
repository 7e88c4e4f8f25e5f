-- CreateTable
CREATE TABLE "admit"."user_sign_in" (
    "userId" TEXT NOT NULL,
    "firstAt" TIMESTAMPTZ(6) NOT NULL,
    "lastAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "user_sign_in_pkey" PRIMARY KEY ("userId")
);
