/**
 * admit(): what better-auth lacks for an application's own server code, as server-only endpoints (no HTTP
 * path: only code holding `auth` can call them).
 *
 *   auth.api.createInvitations({ body })   invitations on behalf of a named inviter, up to 10,000, each with
 *                                          an outcome (./invitations/create-invitations.ts)
 *   auth.api.addMembers({ body })          people, new or existing, straight into an organization
 *                                          (./members/add-members.ts)

 * Sign-in links are a plugin of their own (./links/plugin.ts: admitSignInLinks), since they add a table.
 */
import type { BetterAuthPlugin } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { ADMIT_ERROR_CODES } from "./errors.ts";
import { createInvitations, type CreateInvitationsConfig } from "./invitations/create-invitations.ts";
import { addMembers } from "./members/add-members.ts";

export { ADMIT_ERROR_CODES };

export const MAX_INVITEES = 10_000;
const HOUR = 3600;

export interface AdmitOptions extends Pick<CreateInvitationsConfig, "platformRoles" | "bulk" | "seats"> {
  /** At most this many people per createInvitations call (10,000). */
  maxInvitees?: number;
}

export const admit = (options: AdmitOptions = {}) => {
  const invitationsBody = z.object({
    inviterId: z.string().min(1).max(255),
    organizationId: z.string().min(1).max(255),
    invitees: z
      .array(z.object({ email: z.string().max(1000), role: z.union([z.string().max(255), z.array(z.string().max(255)).max(20)]).optional(), teamId: z.string().max(255).optional() }))
      .min(1, "Name at least one person to invite.")
      .max(options.maxInvitees ?? MAX_INVITEES, `At most ${(options.maxInvitees ?? MAX_INVITEES).toLocaleString("en")} people per call.`),
    expiresIn: z.number().int().min(HOUR, "expiresIn is at least 1 hour (3600 s).").max(30 * 24 * HOUR, "expiresIn is at most 30 days (2592000 s).").optional(),
    resend: z.boolean().optional(),
    send: z.boolean().optional(),
  });
  const membersBody = z.object({
    addedById: z.string().min(1).max(255),
    organizationId: z.string().min(1).max(255),
    people: z
      .array(z.object({ email: z.string().max(1000), name: z.string().max(1000).optional(), role: z.union([z.string().max(255), z.array(z.string().max(255)).max(20)]).optional(), teamId: z.string().max(255).optional() }))
      .min(1, "Name at least one person to add.")
      .max(options.maxInvitees ?? MAX_INVITEES, `At most ${(options.maxInvitees ?? MAX_INVITEES).toLocaleString("en")} people per call.`),
    createUsers: z.boolean().optional(),
  });
  const shared = { platformRoles: options.platformRoles, bulk: options.bulk, seats: options.seats };
  return {
    id: "admit",
    endpoints: {
      createInvitations: createAuthEndpoint({ method: "POST", body: invitationsBody }, async (ctx) => ctx.json(await createInvitations(ctx, ctx.body, shared))),
      addMembers: createAuthEndpoint({ method: "POST", body: membersBody }, async (ctx) => ctx.json(await addMembers(ctx, ctx.body, shared))),
    },
    $ERROR_CODES: ADMIT_ERROR_CODES,
  } satisfies BetterAuthPlugin;
};
