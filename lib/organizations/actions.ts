"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/safe-action";
import { seatLimitInput, setSeatLimit } from "./seats";
import { reminderSettingInput, setReminderHours } from "./settings";
import { addDomain, removeDomain, setDomainPolicy, verifyDomain, type DomainPolicy } from "./domains";
import { approveJoinRequest, declineJoinRequest } from "./join-requests";

export async function setSeatLimitAction(input: { organizationId: string; seats: number | null }) {
  return runAction(async (ctx) => {
    const values = seatLimitInput.parse(input);
    const usage = await setSeatLimit(ctx, values);
    revalidatePath(`/organizations/${values.organizationId}`);
    return usage;
  });
}

export async function setReminderHoursAction(input: { organizationId: string; hours: number | null }) {
  return runAction(async (ctx) => {
    const values = reminderSettingInput.parse(input);
    const result = await setReminderHours(ctx, values);
    revalidatePath(`/organizations/${values.organizationId}`);
    return result;
  });
}

const orgPath = async (organizationId: string | undefined) => organizationId && revalidatePath(`/organizations/${organizationId}`);

export async function addDomainAction(input: { organizationId: string; domain: string }) {
  return runAction(async (ctx) => {
    const result = await addDomain(ctx, { organizationId: String(input.organizationId), domain: String(input.domain ?? "") });
    await orgPath(input.organizationId);
    return result;
  });
}

export async function verifyDomainAction(input: { id: string; organizationId?: string }) {
  return runAction(async (ctx) => {
    const result = await verifyDomain(ctx, String(input.id));
    await orgPath(input.organizationId);
    return result;
  });
}

export async function setDomainPolicyAction(input: { id: string; policy: string; role?: string; organizationId?: string }) {
  return runAction(async (ctx) => {
    const result = await setDomainPolicy(ctx, { id: input.id, policy: input.policy as DomainPolicy, role: input.role as "member" | "admin" | undefined });
    await orgPath(input.organizationId);
    return result;
  });
}

export async function removeDomainAction(input: { id: string; organizationId?: string }) {
  return runAction(async (ctx) => {
    const result = await removeDomain(ctx, String(input.id));
    await orgPath(input.organizationId);
    return result;
  });
}

export async function decideJoinRequestAction(input: { id: string; decision: "approve" | "decline"; organizationId?: string }) {
  return runAction(async (ctx) => {
    const result = input.decision === "approve" ? await approveJoinRequest(ctx, String(input.id)) : await declineJoinRequest(ctx, String(input.id));
    await orgPath(input.organizationId);
    return result;
  });
}
