import { DEFAULT_LANDING } from "@/lib/app-links";
import type { Tx } from "@/lib/db";

/** Invitation pages and link rows, remembered on their recipients (multi-row statements from arrays). */
export async function rememberPrepared(
  tx: Tx,
  campaign: { createdById: string; createdByEmail: string | null },
  expiresAt: Date,
  pages: { id: string; invitationId: string }[],
  links: { id: string; tokenHash: string; userId: string | null; email: string; invitationId: string | null; recipientId: string }[],
) {
  if (pages.length) {
    await tx.$executeRaw`
      UPDATE "admit"."campaign_recipient" r SET "invitationId" = f.invitation_id, "updatedAt" = now()
      FROM unnest(${pages.map((p) => p.id)}::text[], ${pages.map((p) => p.invitationId)}::text[]) AS f(id, invitation_id)
      WHERE r.id = f.id`;
  }
  if (links.length) {
    await tx.$executeRaw`
      INSERT INTO "admit"."sign_in_link" (id, "tokenHash", purpose, "userId", email, "issuerId", "issuerEmail", "redirectTo", "invitationId", "expiresAt", "createdAt")
      SELECT l.id, l.token_hash, 'sign-in', l.user_id, l.email, ${campaign.createdById}, ${campaign.createdByEmail}, ${DEFAULT_LANDING}, l.invitation_id, ${expiresAt}, now()
      FROM unnest(${links.map((l) => l.id)}::text[], ${links.map((l) => l.tokenHash)}::text[], ${links.map((l) => l.userId)}::text[],
                  ${links.map((l) => l.email)}::text[], ${links.map((l) => l.invitationId)}::text[])
        AS l(id, token_hash, user_id, email, invitation_id)`;
    await tx.$executeRaw`
      UPDATE "admit"."campaign_recipient" r SET "linkId" = f.link_id, "invitationId" = f.invitation_id, "updatedAt" = now()
      FROM unnest(${links.map((l) => l.recipientId)}::text[], ${links.map((l) => l.id)}::text[], ${links.map((l) => l.invitationId)}::text[]) AS f(id, link_id, invitation_id)
      WHERE r.id = f.id`;
  }
}
