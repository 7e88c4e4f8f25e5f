/**
 * admit(): what better-auth lacks for an application's own server code, as server-only endpoints (no HTTP
 * path: only code holding `auth` can call them).
 *
 *   auth.api.createInvitations({ body })   invitations on behalf of a named inviter, up to 10,000, each with
 *                                          an outcome (./invitations/create-invitations.ts)
 */
import type { BetterAuthPlugin } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import { z } from "zod";
import { ADMIT_ERROR_CODES } from "./errors.ts";
import { createInvitations, type CreateInvitationsConfig } from "./invitations/create-invitations.ts";

export { ADMIT_ERROR_CODES };

export const MAX_INVITEES = 10_000;
const HOUR = 3600;

export interface AdmitOptions extends CreateInvitationsConfig {
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
  return {
    id: "admit",
    endpoints: {
      createInvitations: createAuthEndpoint({ method: "POST", body: invitationsBody }, async (ctx) => ctx.json(await createInvitations(ctx, ctx.body, options))),
    },
    $ERROR_CODES: ADMIT_ERROR_CODES,
  } satisfies BetterAuthPlugin;
};
