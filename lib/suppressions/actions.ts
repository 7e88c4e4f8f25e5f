"use server";
import { revalidatePath } from "next/cache";
import { splitEmails } from "@/lib/invitations/schema";
import { runAction } from "@/lib/safe-action";
import { addSuppressions, clearSuppressions } from "./manage";

export async function addSuppressionsAction(input: { emails: string; note?: string }) {
  return runAction(async (ctx) => {
    const outcomes = await addSuppressions(ctx, { emails: splitEmails(String(input.emails ?? "")), note: input.note });
    revalidatePath("/suppressions");
    return outcomes;
  });
}

export async function clearSuppressionsAction(input: { emails: string[] }) {
  return runAction(async (ctx) => {
    const outcomes = await clearSuppressions(ctx, { emails: input.emails });
    revalidatePath("/suppressions");
    return outcomes;
  });
}
