/**
 * One HTTP API operation: its method and path, the zod schemas that validate its query and body and describe
 * its answer (the OpenAPI document is generated from them, lib/api/openapi.ts), the scope it needs, and a thin
 * handler that calls one domain function with the key's actor. Handlers authorize nothing themselves: the
 * domain function asks the permission module, which applies the key's scopes and organization.
 */
import type { z } from "zod";
import type { ActorContext } from "@/lib/audit/record";
import type { Actor, ApiScope } from "@/lib/permissions";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";
export type ApiContext = ActorContext & { actor: Actor };

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiRoute<B extends z.ZodType | undefined = z.ZodType | undefined, Q extends z.ZodType | undefined = z.ZodType | undefined, R extends z.ZodType = z.ZodType> {
  method: HttpMethod;
  /** OpenAPI-style template under /api/v1: `/invitations/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** The scope a key needs (documentation; the domain function decides through the permission module). */
  scope: ApiScope;
  query?: Q;
  body?: B;
  /** Largest body accepted, in bytes (default 1 MB). */
  maxBodyBytes?: number;
  response: R;
  status?: 200 | 201;
  handler: (ctx: ApiContext, input: { params: Record<string, string>; query: Out<Q>; body: Out<B> }) => Promise<z.input<R>>;
}

/** Keeps each route's types (its handler's input and answer follow its schemas). */
export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, R extends z.ZodType = z.ZodType>(r: ApiRoute<B, Q, R>): ApiRoute {
  return r as unknown as ApiRoute;
}

/** Matches a path against a template, returning its parameters. */
export function matchPath(template: string, path: string): Record<string, string> | null {
  const want = template.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const name = want[i].match(/^\{(\w+)\}$/)?.[1];
    if (name) {
      if (!got[i]) return null;
      try {
        params[name] = decodeURIComponent(got[i]);
      } catch {
        return null;
      }
    } else if (want[i] !== got[i]) return null;
  }
  return params;
}
