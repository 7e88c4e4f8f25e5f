import { z } from "zod";
import { API_KEYS } from "@/lib/auth-settings";
import { API_SCOPES, type ApiScope } from "@/lib/permissions";

/** What a person sees when choosing a key's scopes, in the order shown. */
export const SCOPE_TEXT: Record<ApiScope, string> = {
  "organization:read": "Read organizations",
  "invitation:read": "Read invitations",
  "invitation:create": "Invite people",
  "invitation:resend": "Resend invitations",
  "invitation:revoke": "Revoke invitations",
  "member:create": "Add members",
  "member:update": "Change members' roles",
  "member:delete": "Remove members",
  "signInLink:read": "Read sign-in links",
  "signInLink:create": "Issue sign-in links",
  "signInLink:revoke": "Revoke sign-in links",
  "campaign:read": "Read campaigns",
  "campaign:create": "Start campaigns",
  "campaign:manage": "Pause, resume and cancel campaigns",
  "audit:read": "Read the audit log",
};

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "Name the key (what uses it).").max(64, "At most 64 characters."),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope.").max(API_SCOPES.length),
  /** Limit the key to one organization (it then cannot touch anything outside it, nor sign-in links). */
  organizationId: z.string().trim().min(1).max(64).nullish(),
  expiresInDays: z.number().int().min(1, "A key lives at least a day.").max(API_KEYS.maxDays, `A key lives at most ${API_KEYS.maxDays} days.`).default(API_KEYS.defaultDays),
  rateLimitPerMinute: z.number().int().min(1).max(API_KEYS.maxPerMinute).default(API_KEYS.perMinute),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

export const apiKeyIdsSchema = z.object({ ids: z.array(z.string().min(1).max(64)).min(1, "Select at least one key.").max(100) });

export const API_KEY_STATUSES = ["active", "expired", "revoked"] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

export function apiKeyStatus(key: { revokedAt: Date | null; enabled: boolean | null; expiresAt: Date | null }, now = new Date()): ApiKeyStatus {
  if (key.revokedAt || key.enabled === false) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}

/** The key's scopes as the api-key plugin stores them (`{ invitation: ["create"] }`), and back. */
export function scopesToPermissions(scopes: readonly ApiScope[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const scope of scopes) {
    const [resource, action] = scope.split(":");
    (out[resource] ??= []).push(action);
  }
  return out;
}

export function permissionsToScopes(permissions: unknown): ApiScope[] {
  const record = typeof permissions === "string" ? safeJson(permissions) : permissions;
  if (!record || typeof record !== "object") return [];
  const granted = Object.entries(record as Record<string, unknown>).flatMap(([resource, actions]) =>
    Array.isArray(actions) ? actions.map((a) => `${resource}:${String(a)}`) : [],
  );
  return API_SCOPES.filter((s) => granted.includes(s));
}

/** The organization a key is limited to, from the plugin's metadata. */
export function keyOrganization(metadata: unknown): string | null {
  const record = typeof metadata === "string" ? safeJson(metadata) : metadata;
  const id = record && typeof record === "object" ? (record as { organizationId?: unknown }).organizationId : null;
  return typeof id === "string" && id ? id : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
