"use server";
import { revalidatePath } from "next/cache";
import { splitEmails } from "@/lib/invitations/schema";
import { runAction } from "@/lib/safe-action";
import { PERSON_SKIP_TEXT } from "@/lib/people";
import { addMembers } from "./add-members";
import { changeMemberRole, removeMember } from "./manage-members";
import { addMembersFormSchema, changeRoleSchema, removeMemberSchema, type AddMembersFormValues } from "./schema";

export async function addMembersAction(input: AddMembersFormValues) {
  return runAction(async (ctx) => {
    const values = addMembersFormSchema.parse(input);
    const outcomes = await addMembers(ctx, {
      organizationId: values.organizationId,
      people: splitEmails(values.emails).map((email) => ({ email, role: values.role, teamId: values.teamId || undefined })),
      sendWelcome: values.sendWelcome,
    });
    revalidatePath(`/organizations/${values.organizationId}`);
    return outcomes.map((o) => ({ email: o.email, status: o.status, reason: o.reason ? PERSON_SKIP_TEXT[o.reason] : undefined, createdUser: o.createdUser, welcomeSent: o.welcomeSent }));
  });
}

export async function changeMemberRoleAction(input: { memberId: string; role: "owner" | "admin" | "member" }) {
  return runAction(async (ctx) => {
    const { memberId, role } = changeRoleSchema.parse(input);
    const result = await changeMemberRole(ctx, memberId, role);
    revalidatePath("/organizations", "layout");
    return result;
  });
}

export async function removeMemberAction(input: { memberId: string }) {
  return runAction(async (ctx) => {
    const { memberId } = removeMemberSchema.parse(input);
    await removeMember(ctx, memberId);
    revalidatePath("/organizations", "layout");
    return { removed: true };
  });
}
