/**
 * Per-invitation extras (better-auth's invitation row has no room for them): where the person lands once they
 * accept (a path, held to the one redirect rule, lib/redirects.ts) and metadata — a JSON object of at most
 * 4 KB — carried into their membership when they accept (`admit.member_metadata`), in the transaction of the
 * `invitation.accepted` audit event, which announces it (webhooks carry it): for a one-step link that is the
 * acceptance's own transaction; on the invitation page, better-auth's acceptance has just committed. Set when the
 * invitation is created or renewed (console, HTTP API); an application that accepts invitations itself reads
 * them from the API (`GET /invitations/{id}`).
 */
import { z } from "zod";
import type { Prisma, Tx } from "@/lib/db";
import { normalizeRedirect } from "@/lib/redirects";

export const MAX_METADATA_BYTES = 4096;

export const invitationRedirect = z
  .string()
  .max(2048)
  .transform((v, ctx) => normalizeRedirect(v) ?? (ctx.addIssue({ code: "custom", message: "redirectTo must be a path on this site, such as /welcome or /projects/42." }), z.NEVER));

export const MAX_METADATA_DEPTH = 8;

/** How deeply a value nests (iteratively: a hostile, deeply nested body must not exhaust the stack). */
function depthOf(value: unknown, limit: number): number {
  const stack: [unknown, number][] = [[value, 0]];
  let deepest = 0;
  while (stack.length) {
    const [v, d] = stack.pop()!;
    deepest = Math.max(deepest, d);
    if (deepest > limit) return deepest;
    if (v && typeof v === "object") for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

export const invitationMetadata = z
  .unknown()
  .refine((m) => depthOf(m, MAX_METADATA_DEPTH) <= MAX_METADATA_DEPTH, `metadata nests at most ${MAX_METADATA_DEPTH} levels.`)
  .pipe(z.record(z.string().min(1).max(100), z.json()))
  .refine((m) => Buffer.byteLength(JSON.stringify(m)) <= MAX_METADATA_BYTES, `metadata is at most ${MAX_METADATA_BYTES} bytes of JSON.`)
  .refine((m) => Object.keys(m).length <= 50, "metadata has at most 50 keys.");

export type InvitationExtras = { redirectTo?: string; metadata?: Record<string, unknown> };

/** Saves the extras of these invitations (created or renewed in the caller's transaction). */
export async function saveInvitationExtras(tx: Tx, organizationId: string, rows: { invitationId: string; extras: InvitationExtras }[]) {
  const wanted = rows.filter((r) => r.extras.redirectTo !== undefined || r.extras.metadata !== undefined);
  if (!wanted.length) return;
  await tx.$executeRaw`
    INSERT INTO "admit"."invitation_extra" ("invitationId", "organizationId", "redirectTo", metadata, "updatedAt")
    SELECT e.id, ${organizationId}, e.redirect, e.metadata::jsonb, now()
    FROM unnest(${wanted.map((r) => r.invitationId)}::text[], ${wanted.map((r) => r.extras.redirectTo ?? null)}::text[], ${wanted.map((r) => (r.extras.metadata ? JSON.stringify(r.extras.metadata) : null))}::text[]) AS e(id, redirect, metadata)
    ON CONFLICT ("invitationId") DO UPDATE SET "redirectTo" = coalesce(excluded."redirectTo", "invitation_extra"."redirectTo"), metadata = coalesce(excluded.metadata, "invitation_extra".metadata), "updatedAt" = now()`;
}

/**
 * In the acceptance's transaction: the invitation's metadata onto the membership it became; returns the extras
 * (the redirect for the person, the metadata for the audit event), or nothing when it has none.
 */
export async function carryInvitationExtras(tx: Tx, invitationId: string, member: { id: string; organizationId: string; userId: string }) {
  const extra = await tx.invitationExtra.findUnique({ where: { invitationId } });
  if (!extra) return null;
  if (extra.metadata !== null) {
    await tx.memberMetadata.upsert({
      where: { memberId: member.id },
      create: { memberId: member.id, organizationId: member.organizationId, userId: member.userId, invitationId, metadata: extra.metadata as Prisma.InputJsonValue },
      update: { invitationId, metadata: extra.metadata as Prisma.InputJsonValue },
    });
  }
  return { redirectTo: extra.redirectTo, metadata: extra.metadata };
}
