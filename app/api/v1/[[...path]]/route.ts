/**
 * The HTTP API (README, "HTTP API"): every /api/v1 operation goes through one handler (lib/api/handle.ts) that
 * authenticates the API key, validates with the operation's zod schemas and answers problem details on error.
 * The OpenAPI document, generated from the same schemas, is public at /api/v1/openapi.json.
 */
import { handleApiRequest } from "@/lib/api/handle";
import { openApiDocument } from "@/lib/api/openapi";
import { API_BASE, v1Routes } from "@/lib/api/v1";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

let document: string | null = null;

async function handle(request: Request) {
  if (request.method === "GET" && new URL(request.url).pathname === `${API_BASE}/openapi.json`) {
    document ??= JSON.stringify(openApiDocument(v1Routes, `${env.appUrl}${API_BASE}`));
    return new Response(document, { headers: { "content-type": "application/json", "cache-control": "public, max-age=300" } });
  }
  return handleApiRequest(request, v1Routes, API_BASE);
}

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE, handle as PUT };
