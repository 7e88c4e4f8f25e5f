"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/safe-action";
import { seatLimitInput, setSeatLimit } from "./seats";

export async function setSeatLimitAction(input: { organizationId: string; seats: number | null }) {
  return runAction(async (ctx) => {
    const values = seatLimitInput.parse(input);
    const usage = await setSeatLimit(ctx, values);
    revalidatePath(`/organizations/${values.organizationId}`);
    return usage;
  });
}
