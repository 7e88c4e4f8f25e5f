import { APIError } from "better-auth/api";
import type { CreateInvitationsInput, CreateInvitationsResult } from "better-auth-admit";

// Your `auth` (betterAuth({ plugins: [organization(), admit()] })): only what this example uses.
type Auth = { api: { createInvitations(args: { body: CreateInvitationsInput }): Promise<CreateInvitationsResult> } };

/** From a route handler, a job or a script: invite a list of people on behalf of a named inviter. */
export async function inviteTeam(auth: Auth, inviterId: string, organizationId: string, emails: string[]) {
  try {
    const { outcomes, counts } = await auth.api.createInvitations({
      body: {
        inviterId, // checked like a session would be: their org role (or platform role) must allow inviting
        organizationId,
        invitees: emails.map((email) => ({ email, role: "member" })),
        expiresIn: 7 * 24 * 60 * 60, // 1 hour to 30 days
      },
    });
    // One outcome per person, in order: created, refreshed (already pending: new expiry) or skipped.
    const skipped = outcomes.filter((o) => o.status === "skipped").map((o) => `${o.email}: ${o.reason}`);
    return { ok: true as const, counts, skipped };
  } catch (error) {
    // A problem with the request as a whole: nothing was written.
    if (error instanceof APIError) return { ok: false as const, code: String(error.body?.code), message: error.message };
    throw error;
  }
}
