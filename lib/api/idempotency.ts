/**
 * `Idempotency-Key` on a POST: the first answer is kept 24 hours per API key; the same key with the same
 * request (method, path, body) gets that answer again, with another request 409 `idempotency_key_reused`, and
 * while the first is still running 409 `idempotency_in_progress`. Answers the client may retry for a different
 * result (429, 5xx) are not kept. A first request that never finished (its process died) stops blocking its key
 * after ABANDONED_MINUTES. A key's expired entries are removed when it makes a new one; the worker removes the
 * rest (`pruneIdempotency`).
 */
import { createHash } from "node:crypto";
import { prisma, Prisma } from "@/lib/db";
import { ApiProblem } from "./problem";

export const IDEMPOTENCY_HOURS = 24;
const ABANDONED_MINUTES = 10;

export function requestHash(method: string, path: string, body: string) {
  return createHash("sha256").update(`${method}\n${path}\n${body}`).digest("base64url");
}

/** Checks the header's value: 1–255 visible ASCII characters. */
export function idempotencyKeyOf(headers: Headers): string | null {
  const key = headers.get("idempotency-key");
  if (key === null) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new ApiProblem("validation_failed", "Idempotency-Key must be 1 to 255 visible ASCII characters.", { errors: [{ pointer: "#header/Idempotency-Key", detail: "1 to 255 visible ASCII characters" }] });
  return key;
}

export type Begun = { state: "started" } | { state: "replay"; status: number; body: unknown };

/** Claims the key for this request, or returns the kept answer; throws the 409s. */
export async function beginIdempotent(apiKeyId: string, key: string, hash: string): Promise<Begun> {
  const window = Prisma.sql`now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`;
  const [claimed] = await prisma.$queryRaw<{ claimed: boolean }[]>`
    WITH pruned AS (DELETE FROM "admit"."api_idempotency" WHERE "apiKeyId" = ${apiKeyId} AND "createdAt" < ${window} AND key <> ${key})
    INSERT INTO "admit"."api_idempotency" ("apiKeyId", key, "requestHash", "createdAt") VALUES (${apiKeyId}, ${key}, ${hash}, now())
    ON CONFLICT ("apiKeyId", key) DO UPDATE SET "requestHash" = EXCLUDED."requestHash", status = NULL, body = NULL, "createdAt" = now()
      WHERE "api_idempotency"."createdAt" < ${window}
         OR ("api_idempotency".status IS NULL AND "api_idempotency"."createdAt" < now() - make_interval(mins => ${ABANDONED_MINUTES}))
    RETURNING true AS claimed`;
  if (claimed) return { state: "started" };
  const kept = await prisma.apiIdempotency.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
  if (!kept) return beginIdempotent(apiKeyId, key, hash); // abandoned meanwhile: claim it
  if (kept.requestHash !== hash) throw new ApiProblem("idempotency_key_reused");
  if (kept.status === null) throw new ApiProblem("idempotency_in_progress");
  return { state: "replay", status: kept.status, body: kept.body };
}

export async function finishIdempotent(apiKeyId: string, key: string, status: number, body: unknown) {
  if (status === 429 || status >= 500) {
    await prisma.apiIdempotency.deleteMany({ where: { apiKeyId, key } });
    return;
  }
  await prisma.apiIdempotency.updateMany({ where: { apiKeyId, key }, data: { status, body: (body ?? Prisma.JsonNull) as Prisma.InputJsonValue } });
}

/** Removes every answer kept longer than IDEMPOTENCY_HOURS (the worker calls it hourly). */
export async function pruneIdempotency() {
  return prisma.$executeRaw`DELETE FROM "admit"."api_idempotency" WHERE "createdAt" < now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`;
}
