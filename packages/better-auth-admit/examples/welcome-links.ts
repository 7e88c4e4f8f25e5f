import type { IssueSignInLinksInput, LinkOutcome } from "better-auth-admit";

// Your `auth` (betterAuth({ plugins: [admin(), admitSignInLinks()] })): only what this example uses.
type Auth = { api: { issueSignInLinks(args: { body: IssueSignInLinksInput & { purpose?: "sign-in" | "welcome" } }): Promise<LinkOutcome[]> } };

/** One-time links for people you just added, to mail yourself (for example in one Resend batch call). */
export async function welcomeLinks(auth: Auth, adminId: string, people: { email: string; name?: string }[]) {
  const links = await auth.api.issueSignInLinks({
    body: {
      issuedById: adminId, // an admin role, or a role that may impersonate; only admins get links for admins
      recipients: people,
      purpose: "welcome", // or "sign-in" (recorded on the link)
      expiresIn: 24 * 60 * 60, // 5 minutes to 7 days; 1 hour by default
      redirectTo: "/welcome", // a path on your site or a trusted origin; anything else is refused (INVALID_REDIRECT)
      createUsers: true, // accounts (verified, no password) for addresses that have none; else skipped as no_account
    },
  });
  // [{ email, status: "issued" | "skipped", reason?, url?, linkId?, userId?, createdUser?, expiresAt? }]
  const emails = links.filter((l) => l.status === "issued").map((l) => ({ to: l.email, subject: "Welcome", text: `Sign in: ${l.url}` }));
  const skipped = links.filter((l) => l.status === "skipped").map((l) => `${l.email}: ${l.reason}`);
  return { emails, skipped };
}
