"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/safe-action";
import { banUser, revokeUserSessions, setBanned, setPlatformRole, unbanUser } from "./manage-users";

const userId = z.string().min(1).max(64);
const refresh = (id: string) => {
  revalidatePath(`/users/${id}`);
  revalidatePath("/users");
};

export async function banUserAction(input: { userId: string; reason: string; days?: number | null }) {
  return runAction(async (ctx) => {
    const v = z.object({ userId, reason: z.string().max(500), days: z.number().int().nullish() }).parse(input);
    const result = await banUser(ctx, v);
    refresh(v.userId);
    return result;
  });
}

export async function unbanUserAction(input: { userId: string }) {
  return runAction(async (ctx) => {
    const v = z.object({ userId }).parse(input);
    const result = await unbanUser(ctx, v.userId);
    refresh(v.userId);
    return result;
  });
}

export async function setPlatformRoleAction(input: { userId: string; role: string }) {
  return runAction(async (ctx) => {
    const v = z.object({ userId, role: z.string().max(32) }).parse(input);
    const result = await setPlatformRole(ctx, v);
    refresh(v.userId);
    return result;
  });
}

export async function revokeUserSessionsAction(input: { userId: string; sessionId?: string }) {
  return runAction(async (ctx) => {
    const v = z.object({ userId, sessionId: z.string().min(1).max(64).optional() }).parse(input);
    const result = await revokeUserSessions(ctx, v);
    refresh(v.userId);
    return result;
  });
}

/** Ban or unban the people selected in the users table: an outcome each. */
export async function setBannedAction(input: { userIds: string[]; banned: boolean; reason?: string; days?: number | null }) {
  return runAction(async (ctx) => {
    const v = z.object({ userIds: z.array(userId).min(1).max(1000), banned: z.boolean(), reason: z.string().max(500).optional(), days: z.number().int().nullish() }).parse(input);
    const outcomes = await setBanned(ctx, v);
    revalidatePath("/users");
    return outcomes;
  });
}
