import type { AddMembersInput, AddMembersResult } from "better-auth-admit";

// Your `auth` (betterAuth({ plugins: [admin(), organization(), admit()] })): only what this example uses.
type Auth = { api: { addMembers(args: { body: AddMembersInput }): Promise<AddMembersResult> } };

/** Put people straight into an organization (no invitation to accept), new addresses included. */
export async function addPeople(auth: Auth, ownerId: string, organizationId: string, people: { email: string; name?: string; role?: string; teamId?: string }[]) {
  const { outcomes, superseded, counts } = await auth.api.addMembers({
    body: {
      addedById: ownerId, // their org role (or platform role) must grant member: ["create"]
      organizationId,
      people,
      createUsers: true, // the default: new addresses get a user (verified email, no password); false skips them as no_account
    },
  });
  // outcomes: [{ email, status: "added" | "skipped", reason?, userId?, memberId?, createdUser? }], in order
  // superseded: the organization's pending invitations for these people, now canceled
  const newUsers = outcomes.filter((o) => o.createdUser).map((o) => o.email);
  return { counts, newUsers, superseded: superseded.length };
}
