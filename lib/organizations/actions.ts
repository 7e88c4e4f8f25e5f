"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/safe-action";
import { seatLimitInput, setSeatLimit } from "./seats";
import { reminderSettingInput, setReminderHours } from "./settings";

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
