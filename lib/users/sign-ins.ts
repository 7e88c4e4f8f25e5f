/**
 * When people sign in. better-auth keeps no record of it (a session is deleted when its person signs out), so the
 * worker copies each new session's time into `admit.user_sign_in` (first and last sign-in per person) every minute,
 * from the session table — sessions the console made and sessions the attached application made alike.
 * Impersonation is not the person signing in. A session created and ended between two sweeps is missed: the
 * record says when people were seen signed in, to the minute. The users table's "never signed in" filter and
 * the person page read it (lib/users/queries.ts).
 */
import { prisma } from "@/lib/db";

const MARK = "user-sign-ins";
/** Sessions are read from a little before the last sweep: one committed late with an earlier time is not skipped. */
const OVERLAP_MS = 5 * 60_000;

export async function recordSignIns(now = new Date()): Promise<number> {
  const mark = await prisma.jobMark.findUnique({ where: { key: MARK } });
  const since = mark ? new Date(mark.value.getTime() - OVERLAP_MS) : new Date(0);
  return prisma.$transaction(async (tx) => {
    const recorded = await tx.$executeRaw`
      INSERT INTO "admit"."user_sign_in" ("userId", "firstAt", "lastAt")
      SELECT s."userId", min(s."createdAt"), max(s."createdAt") FROM "session" s
      WHERE s."impersonatedBy" IS NULL AND s."createdAt" >= ${since} AND s."createdAt" <= ${now}
      GROUP BY s."userId"
      ON CONFLICT ("userId") DO UPDATE SET "firstAt" = least("user_sign_in"."firstAt", excluded."firstAt"), "lastAt" = greatest("user_sign_in"."lastAt", excluded."lastAt")`;
    await tx.jobMark.upsert({ where: { key: MARK }, create: { key: MARK, value: now }, update: { value: now } });
    return recorded;
  });
}
