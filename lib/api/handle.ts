/**
 * The HTTP API's one request path: find the operation, the key's actor (lib/session.ts#getApiActor), the body
 * (JSON, size-limited) and query through the operation's schemas, the `Idempotency-Key`, then the handler;
 * every refusal and error as problem details (./problem.ts). Answers are parsed by the operation's response
 * schema, so what the OpenAPI document says is what is sent.
 */
import { clientAddress } from "@/lib/client-address";
import { getApiActor } from "@/lib/session";
import { beginIdempotent, finishIdempotent, idempotencyKeyOf, requestHash } from "./idempotency";
import { ApiProblem, problem, problemFrom, problemResponse } from "./problem";
import { matchPath, type ApiContext, type ApiRoute } from "./route";

const DEFAULT_MAX_BODY = 1024 * 1024;

function findRoute(routes: readonly ApiRoute[], method: string, path: string) {
  let pathExists = false;
  for (const r of routes) {
    const params = matchPath(r.path, path);
    if (!params) continue;
    pathExists = true;
    if (r.method === method) return { route: r, params };
  }
  return { pathExists };
}

async function readBody(request: Request, limit: number): Promise<string> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) throw new ApiProblem("unsupported_media_type");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new ApiProblem("payload_too_large", `At most ${limit.toLocaleString("en")} bytes.`);
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new ApiProblem("payload_too_large", `At most ${limit.toLocaleString("en")} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiProblem("invalid_json");
  }
}

function queryObject(url: URL) {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) out[k] = k in out ? `${out[k]},${v}` : v;
  return out;
}

function json(status: number, body: unknown, extra: Record<string, string> = {}) {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store", ...extra } });
}

async function run(route: ApiRoute, ctx: ApiContext, params: Record<string, string>, url: URL, bodyText: string) {
  try {
    const query = route.query ? route.query.parse(queryObject(url)) : undefined;
    let body: unknown;
    try {
      body = route.body ? route.body.parse(parseJson(bodyText || "null")) : undefined;
    } catch (e) {
      return problemFrom(e, "body");
    }
    const answer = await route.handler(ctx, { params, query: query as never, body: body as never });
    return { status: route.status ?? 200, body: route.response.parse(answer) as unknown, retryAfterSeconds: undefined };
  } catch (e) {
    return problemFrom(e, "query");
  }
}

export async function handleApiRequest(request: Request, routes: readonly ApiRoute[], basePath: string): Promise<Response> {
  try {
    const url = new URL(request.url);
    const path = url.pathname.slice(basePath.length).replace(/\/+$/, "") || "/";
    const found = findRoute(routes, request.method, path);
    const who = await getApiActor(request.headers);
    if ("refused" in who) {
      if (who.refused === "rate_limited") return problemResponse(problem("rate_limited", "This API key is over its rate limit.", { retryAfterSeconds: who.retryAfterSeconds }));
      return problemResponse(problem("unauthorized", who.refused === "missing" ? "Send the key as `Authorization: Bearer <key>`." : "The API key is not valid (unknown, revoked or expired)."));
    }
    if (!("route" in found) || !found.route) return problemResponse(problem(found.pathExists ? "method_not_allowed" : "not_found"));
    const { route, params } = found;
    const ctx: ApiContext = { actor: who, ipAddress: clientAddress(request.headers), userAgent: request.headers.get("user-agent") };
    const bodyText = route.body ? await readBody(request, route.maxBodyBytes ?? DEFAULT_MAX_BODY) : "";
    const idemKey = request.method === "POST" ? idempotencyKeyOf(request.headers) : null;
    if (idemKey) {
      const begun = await beginIdempotent(who.key!.id, idemKey, requestHash(request.method, url.pathname + url.search, bodyText));
      if (begun.state === "replay") {
        const replayed = { "idempotent-replayed": "true" };
        return begun.status >= 400 ? withHeaders(problemResponse({ status: begun.status, body: begun.body as never }), replayed) : json(begun.status, begun.body, replayed);
      }
    }
    const answer = await run(route, ctx, params, url, bodyText).catch((e: unknown) => problemFrom(e));
    if (idemKey) await finishIdempotent(who.key!.id, idemKey, answer.status, answer.body);
    return answer.status >= 400 ? problemResponse(answer as ReturnType<typeof problem>) : json(answer.status, answer.body);
  } catch (e) {
    return problemResponse(problemFrom(e));
  }
}

function withHeaders(response: Response, headers: Record<string, string>) {
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}
