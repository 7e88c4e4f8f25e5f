/**
 * When people sign in. better-auth keeps no record of it (a session is deleted when its person signs out), so the
 * worker copies each new session's time into `admit.user_sign_in` (first and last sign-in per person) every minute,
 * from the session table — sessions the console made and sessions the attached application made alike.
 * Impersonation is not the person signing in. A session created and ended between two sweeps is missed: the
 * record says when people were seen signed in, to the minute. The users table's "never signed in" filter and
 * the person page read it (lib/users/queries.ts).
 */
import { prisma } from "@/lib/db";
import { applyDomainPolicies } from "@/lib/organizations/join-requests";

const MARK = "user-sign-ins";
/** Sessions are read from a little before the last sweep: one committed late with an earlier time is not skipped. */
const OVERLAP_MS = 5 * 60_000;

/** Records the sign-ins since the last sweep, then applies verified domains' policies to those people. */
export async function recordSignIns(now = new Date()): Promise<number> {
  const mark = await prisma.jobMark.findUnique({ where: { key: MARK } });
  const since = mark ? new Date(mark.value.getTime() - OVERLAP_MS) : new Date(0);
  const signedIn = await prisma.$transaction(async (tx) => {
    // Only people with a sign-in newer than the one recorded come back.
    const rows = await tx.$queryRaw<{ userId: string }[]>`
      INSERT INTO "admit"."user_sign_in" ("userId", "firstAt", "lastAt")
      SELECT s."userId", min(s."createdAt"), max(s."createdAt") FROM "session" s
      WHERE s."impersonatedBy" IS NULL AND s."createdAt" >= ${since} AND s."createdAt" <= ${now}
      GROUP BY s."userId"
      ON CONFLICT ("userId") DO UPDATE SET "firstAt" = least("user_sign_in"."firstAt", excluded."firstAt"), "lastAt" = greatest("user_sign_in"."lastAt", excluded."lastAt")
        WHERE excluded."lastAt" > "user_sign_in"."lastAt" OR excluded."firstAt" < "user_sign_in"."firstAt"
      RETURNING "userId"`;
    await tx.jobMark.upsert({ where: { key: MARK }, create: { key: MARK, value: now }, update: { value: now } });
    return rows.map((r) => r.userId);
  });
  await applyDomainPolicies(signedIn);
  return signedIn.length;
}
