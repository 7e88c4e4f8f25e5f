/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the routes' own zod schemas (the ones that validate
 * requests and answers) with zod's JSON Schema output (draft 2020-12, which OpenAPI 3.1 uses). Named schemas
 * (`.meta({ id })`) become components.
 */
import { z } from "zod";
import { PROBLEMS, problemSchema, type ProblemCode } from "./problem";
import type { ApiRoute } from "./route";

type Json = Record<string, unknown>;

function collect(schema: z.ZodType, io: "input" | "output", components: Record<string, Json>): Json {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  const defs = (out.$defs ?? {}) as Record<string, Json>;
  delete out.$defs;
  delete out.$schema;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "$ref" && typeof v === "string" ? v.replace("#/$defs/", "#/components/schemas/") : rewrite(v)]));
    }
    return value;
  };
  for (const [name, def] of Object.entries(defs)) components[name] = rewrite(def) as Json;
  return rewrite(out) as Json;
}

/** Which problems an operation can answer with. */
function problemsOf(r: ApiRoute): ProblemCode[] {
  const codes: ProblemCode[] = ["unauthorized", "forbidden", "rate_limited"];
  if (r.path.includes("{")) codes.push("not_found");
  if (r.body || r.query) codes.push("validation_failed");
  if (r.body) codes.push("invalid_json", "payload_too_large", "unsupported_media_type");
  if (r.method === "POST") codes.push("idempotency_key_reused", "idempotency_in_progress");
  if (r.method !== "GET") codes.push("invalid_request", "conflict");
  return codes;
}

function parameters(r: ApiRoute, components: Record<string, Json>) {
  const params: Json[] = [...r.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  if (r.query) {
    const q = collect(r.query, "input", components) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      const { description, ...rest } = schema;
      params.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}) });
    }
  }
  if (r.method === "POST") {
    params.push({ name: "Idempotency-Key", in: "header", required: false, description: "Same key and body within 24 h: the first answer again (header Idempotent-Replayed: true); another body: 409.", schema: { type: "string", maxLength: 255 } });
  }
  return params;
}

export function openApiDocument(routes: readonly ApiRoute[], serverUrl: string) {
  const components: Record<string, Json> = {};
  components.Problem = collect(problemSchema, "output", components);
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const responses: Record<string, Json> = {
      [String(r.status ?? 200)]: { description: "OK", content: { "application/json": { schema: collect(r.response, "output", components) } } },
    };
    for (const code of problemsOf(r)) {
      const status = String(PROBLEMS[code].status);
      const entry = (responses[status] ??= { description: "", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } }) as { description: string };
      entry.description = [entry.description, `\`${code}\`: ${PROBLEMS[code].title}`].filter(Boolean).join(" · ");
      if (status === "429") (entry as Json).headers = { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } };
    }
    (paths[r.path] ??= {})[r.method.toLowerCase()] = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      "x-admit-scope": r.scope,
      parameters: parameters(r, components),
      ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: collect(r.body, "input", components) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Admit API",
      version: "1.0.0",
      description:
        "Invitations, members, sign-in links, campaigns and the audit log of an Admit console. Authenticate with an API key created in the console (Settings → API keys): `Authorization: Bearer <key>`. A key acts as the person who created it, narrowed by its scopes and, optionally, to one organization. Errors are RFC 9457 problem details.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { apiKeyHeader: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An Admit API key (admit_…)." },
        apiKeyHeader: { type: "apiKey", in: "header", name: "x-api-key" },
      },
    },
  };
}
