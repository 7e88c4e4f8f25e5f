/**
 * A stock better-auth application with the admit() plugin and nothing of the console: email and password,
 * admin, organization with teams (limits roomy enough for 10,000, except organizations named "Small…"), and
 * organization hooks that record what they were called for. Used by the plugin's integration tests and the
 * benchmark (bench/plugin.ts), on whichever database adapter they give it.
 */
import { betterAuth } from "better-auth";
import { admin, organization } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { defaultRoles as adminRoles, defaultStatements as adminStatements } from "better-auth/plugins/admin/access";
import { admit, admitSignInLinks } from "better-auth-admit";

// A platform role beyond the admin plugin's two: "support" may invite into any organization (its access
// control grants invitation: create) but not give the owner role (no member: update).
const platformAc = createAccessControl({ ...adminStatements, invitation: ["create"], member: ["update"] });
// "helpdesk" may mint sign-in links (user: impersonate) but is no admin: never a link for an admin.
const platformRoles = { ...adminRoles, support: platformAc.newRole({ invitation: ["create"] }), helpdesk: platformAc.newRole({ user: ["impersonate"] }) };

export const hookCalls: { before: string[]; after: string[]; mailed: string[] } = { before: [], after: [], mailed: [] };

export function stockAuth(database: Parameters<typeof betterAuth>[0]["database"], admitOptions: Parameters<typeof admit>[0] = {}, extra: { signInLinks?: boolean } = {}) {
  return betterAuth({
    database,
    secret: "plugin-test-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    baseURL: "http://localhost:3999",
    emailAndPassword: { enabled: true },
    plugins: [
      admin({ ac: platformAc, roles: platformRoles }),
      organization({
        teams: { enabled: true },
        // A small organization to reach the limit in; the others room for 10,000.
        invitationLimit: async ({ organization }: { organization: { name: string } }) => (organization.name.startsWith("Small") ? 3 : 20_000),
        membershipLimit: 20_000,
        sendInvitationEmail: async ({ email }: { email: string }) => void hookCalls.mailed.push(email),
        organizationHooks: {
          beforeCreateInvitation: async ({ invitation }: { invitation: { email: string } }) => {
            hookCalls.before.push(invitation.email);
            // A hook that tries to change what the call decided, and names a field the table does not have.
            if (invitation.email.startsWith("hooked.")) return { data: { role: "owner", nonsense: 1 } };
          },
          afterCreateInvitation: async ({ invitation }: { invitation: { email: string } }) => void hookCalls.after.push(invitation.email),
        },
      }),
      // Organizations named "Seated…" have 3 seats (members plus pending invitations); the others no limit.
      admit({ seats: (org) => (org.name.startsWith("Seated") ? 3 : null), ...admitOptions }),
      ...(extra.signInLinks ? [admitSignInLinks()] : []),
    ],
  });
}
export type StockAuth = ReturnType<typeof stockAuth>;
