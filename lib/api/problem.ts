/**
 * Errors of the HTTP API as RFC 9457 problem details (`application/problem+json`): `type` is a stable URN per
 * code (`urn:admit:problem:<code>`), `code` repeats it for clients that switch on a string, `errors` lists
 * each invalid field with a JSON pointer into the request body or query.
 */
import { z } from "zod";
import { CsvError } from "@/lib/campaigns/csv";
import { AppError } from "@/lib/errors";
import { logError } from "@/lib/log";
import { RateLimitedError } from "@/lib/rate-limit";

/** Every code the API answers with, its status and title (documented in the OpenAPI document and the README). */
export const PROBLEMS = {
  invalid_json: { status: 400, title: "The request body is not valid JSON." },
  unauthorized: { status: 401, title: "A valid API key is required." },
  forbidden: { status: 403, title: "The API key may not do that." },
  not_found: { status: 404, title: "Not found." },
  method_not_allowed: { status: 405, title: "That method is not allowed here." },
  conflict: { status: 409, title: "The request conflicts with the current state." },
  idempotency_key_reused: { status: 409, title: "This Idempotency-Key was used with a different request." },
  idempotency_in_progress: { status: 409, title: "A request with this Idempotency-Key is still running." },
  payload_too_large: { status: 413, title: "The request body is too large." },
  unsupported_media_type: { status: 415, title: "Send JSON (Content-Type: application/json)." },
  validation_failed: { status: 422, title: "The request is not valid." },
  invalid_request: { status: 422, title: "The request cannot be carried out." },
  scope_not_held: { status: 422, title: "A scope the key could not use." },
  rate_limited: { status: 429, title: "Too many requests." },
  internal: { status: 500, title: "Something went wrong on our side." },
} as const;
export type ProblemCode = keyof typeof PROBLEMS;

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "urn:admit:problem:<code>" }),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]]),
    detail: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof problemSchema>;

export class ApiProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extra: { errors?: Problem["errors"]; retryAfterSeconds?: number } = {},
  ) {
    super(detail ?? PROBLEMS[code].title);
  }
}

export function problem(code: ProblemCode, detail?: string, extra: ApiProblem["extra"] = {}): { status: number; body: Problem; retryAfterSeconds?: number } {
  const { status, title } = PROBLEMS[code];
  return {
    status,
    body: { type: `urn:admit:problem:${code}`, title, status, code, ...(detail ? { detail } : {}), ...(extra.errors ? { errors: extra.errors } : {}) },
    retryAfterSeconds: extra.retryAfterSeconds,
  };
}

const pointer = (prefix: string, path: PropertyKey[]) => `${prefix}${path.map((p) => `/${String(p).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("")}`;

/** The problem an error thrown by a route (or the domain function it called) becomes. */
export function problemFrom(e: unknown, where: "body" | "query" = "body") {
  if (e instanceof ApiProblem) return problem(e.code, e.detail, e.extra);
  if (e instanceof z.ZodError) {
    return problem("validation_failed", e.issues[0]?.message, {
      errors: e.issues.slice(0, 100).map((i) => ({ pointer: pointer(where === "query" ? "#query" : "#", i.path), detail: i.message })),
    });
  }
  if (e instanceof RateLimitedError) return problem("rate_limited", e.message, { retryAfterSeconds: e.retryAfterSeconds });
  if (e instanceof CsvError) return problem("validation_failed", e.message, { errors: [{ pointer: "#/csv", detail: e.message }] });
  if (e instanceof AppError) {
    if (e.code in PROBLEMS && PROBLEMS[e.code as ProblemCode].status === e.status) return problem(e.code as ProblemCode, e.message);
    const byStatus: Partial<Record<number, ProblemCode>> = { 400: "invalid_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 409: "conflict", 422: "invalid_request", 429: "rate_limited" };
    return problem(byStatus[e.status] ?? "invalid_request", e.message);
  }
  logError("api", "unexpected error", e);
  return problem("internal");
}

export function problemResponse(p: ReturnType<typeof problem>): Response {
  const headers = new Headers({ "content-type": "application/problem+json", "cache-control": "no-store" });
  if (p.retryAfterSeconds !== undefined) headers.set("retry-after", String(p.retryAfterSeconds));
  return new Response(JSON.stringify(p.body), { status: p.status, headers });
}
