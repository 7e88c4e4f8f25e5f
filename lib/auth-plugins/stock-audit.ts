/**
 * Audit events for changes made through better-auth's own HTTP API (the admin and organization plugins'
 * endpoints, which an application's client may call directly). Admit's console records its changes inside
 * their transactions; these endpoints commit their own writes, so their event is written right after the
 * endpoint succeeded. Server-side `auth.api` calls are not recorded here: Admit's code that makes them
 * records its own events.
 */
import { createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { clientAddress } from "@/lib/client-address";

type Body = Record<string, unknown>;
type Returned = Record<string, unknown> | null | undefined;
const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

/** Path → what to record. Never secrets: no passwords, tokens or invitation ids in metadata. */
const AUDITED: Record<string, (body: Body, returned: Returned) => AuditEntry> = {
  "/admin/set-role": (b) => ({ action: "user.role_changed", target: { type: "user", id: String(b.userId) }, metadata: { role: b.role as string } }),
  "/admin/ban-user": (b) => ({ action: "user.banned", target: { type: "user", id: String(b.userId) }, metadata: { reason: str(b.banReason) ?? null, expiresIn: (b.banExpiresIn as number) ?? null } }),
  "/admin/unban-user": (b) => ({ action: "user.unbanned", target: { type: "user", id: String(b.userId) } }),
  // `returned.user` is the impersonated person; the actor (the admin) is read from the request's session.
  "/admin/impersonate-user": (b, r) => {
    const target = r?.user as Body | undefined;
    return { action: "user.impersonated", target: { type: "user", id: String(b.userId), label: str(target?.email) }, metadata: { reason: str(b.reason) ?? null, targetEmail: str(target?.email) ?? null } };
  },
  "/admin/stop-impersonating": () => ({ action: "user.impersonation_stopped" }),
  "/admin/create-user": (b, r) => ({ action: "user.created", target: { type: "user", id: String((r?.user as Body | undefined)?.id ?? ""), label: str(b.email) }, metadata: { role: (b.role as string) ?? null } }),
  "/admin/update-user": (b) => ({ action: "user.updated", target: { type: "user", id: String(b.userId) }, metadata: { fields: Object.keys((b.data as Body) ?? {}).filter((k) => k !== "password") } }),
  "/admin/remove-user": (b) => ({ action: "user.removed", target: { type: "user", id: String(b.userId) } }),
  "/admin/set-user-password": (b) => ({ action: "user.password_set", target: { type: "user", id: String(b.userId) } }),
  "/admin/revoke-user-session": () => ({ action: "user.session_revoked" }),
  "/admin/revoke-user-sessions": (b) => ({ action: "user.sessions_revoked", target: { type: "user", id: String(b.userId) } }),
  "/organization/create": (b, r) => ({ action: "organization.created", organizationId: str(r?.id), target: { type: "organization", id: String(r?.id ?? ""), label: str(b.name) } }),
  "/organization/update": (b) => ({ action: "organization.updated", organizationId: str(b.organizationId), metadata: { fields: Object.keys((b.data as Body) ?? {}) } }),
  "/organization/delete": (b) => ({ action: "organization.deleted", organizationId: str(b.organizationId), target: { type: "organization", id: String(b.organizationId) } }),
  "/organization/invite-member": (b, r) => ({
    action: "invitation.created",
    organizationId: str(r?.organizationId) ?? str(b.organizationId),
    target: { type: "invitation", id: String(r?.id ?? ""), label: str(b.email) },
    metadata: { role: b.role as string, via: "better-auth API" },
  }),
  "/organization/cancel-invitation": (b, r) => ({ action: "invitation.revoked", organizationId: str(r?.organizationId), target: { type: "invitation", id: String(b.invitationId), label: str(r?.email) } }),
  "/organization/add-member": (b, r) => ({ action: "member.added", organizationId: str(r?.organizationId) ?? str(b.organizationId), target: { type: "user", id: String(b.userId) }, metadata: { role: b.role as string } }),
  "/organization/remove-member": (b) => ({ action: "member.removed", organizationId: str(b.organizationId), metadata: { member: str(b.memberIdOrEmail) ?? null } }),
  "/organization/update-member-role": (b) => ({ action: "member.role_changed", organizationId: str(b.organizationId), target: { type: "member", id: String(b.memberId) }, metadata: { role: b.role as string } }),
};

export const stockAuditHook = {
  matcher: (ctx: { path?: string; request?: Request }) => !!ctx.request && !!ctx.path && ctx.path in AUDITED,
  handler: createAuthMiddleware(async (ctx) => {
    const returned = ctx.context.returned;
    if (returned === undefined || isAPIError(returned) || (returned instanceof Response && !returned.ok)) return;
    const session = await getSessionFromCtx(ctx).catch(() => null);
    const user = session?.user;
    const entry = AUDITED[ctx.path](ctx.body ?? {}, (returned instanceof Response ? null : returned) as Returned);
    const h = ctx.request?.headers;
    // One transaction: the audit row and the webhook event it announces (lib/webhooks/emit.ts) commit together.
    await prisma.$transaction((tx) => recordAudit(
      tx,
      {
        actor: user ? { userId: user.id, email: user.email, impersonatedBy: (session?.session as { impersonatedBy?: string | null } | undefined)?.impersonatedBy ?? null } : null,
        ipAddress: clientAddress(h),
        userAgent: h?.get("user-agent") ?? null,
      },
      { ...entry, metadata: { ...((entry.metadata as Body) ?? {}), via: "better-auth API" } },
    ));
  }),
};
