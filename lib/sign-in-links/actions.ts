"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { splitEmails } from "@/lib/invitations/schema";
import { runAction } from "@/lib/safe-action";
import { PERSON_SKIP_TEXT } from "@/lib/people";
import { issueSignInLinks } from "./issue-sign-in-links";
import { revokeSignInLinks } from "./revoke-sign-in-links";
import { issueLinksFormSchema, type IssueLinksFormValues } from "./schema";

export async function issueSignInLinksAction(input: IssueLinksFormValues) {
  return runAction(async (ctx) => {
    const values = issueLinksFormSchema.parse(input);
    const results = await issueSignInLinks(ctx, {
      purpose: values.purpose,
      recipients: splitEmails(values.emails).map((email) => ({ email })),
      expiresIn: values.expiresIn,
      redirectTo: values.redirectTo,
      reason: values.reason || undefined,
      createUsers: values.createUsers,
      send: values.delivery === "email",
    });
    revalidatePath("/sign-in-links");
    return results.map((r) => ({
      email: r.email,
      status: r.status,
      reason: r.reason ? PERSON_SKIP_TEXT[r.reason] : undefined,
      // The raw link exists only now; the email path never returns it to the browser.
      url: values.delivery === "email" ? undefined : r.url,
      expiresAt: r.expiresAt?.toISOString(),
      sent: r.sent,
      createdUser: r.createdUser,
    }));
  });
}

export async function revokeSignInLinksAction(input: { ids: string[] }) {
  return runAction(async (ctx) => {
    const { ids } = z.object({ ids: z.array(z.string().uuid()).min(1).max(1000) }).parse(input);
    const results = await revokeSignInLinks(ctx, ids);
    revalidatePath("/sign-in-links");
    return results;
  });
}
