"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { runAction } from "@/lib/safe-action";
import { createCampaign, previewCampaign } from "./create-campaign";
import { CsvError, MAX_CSV_BYTES } from "./csv";
import { controlCampaign, type CampaignCommand } from "./manage-campaign";
import { campaignSettingsSchema, ROW_OUTCOME_TEXT } from "./schema";

async function readUpload(form: FormData) {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("Choose a CSV file.");
  if (file.size > MAX_CSV_BYTES) throw new AppError("The file is larger than 10 MB.");
  const settings = campaignSettingsSchema.parse(JSON.parse(String(form.get("settings") ?? "{}")));
  return { settings, bytes: new Uint8Array(await file.arrayBuffer()) };
}

const csvErrors = <T,>(work: () => Promise<T>) =>
  work().catch((e) => {
    if (e instanceof CsvError) throw new AppError(e.message);
    throw e;
  });

/** Validate the file and show what would happen; writes nothing. */
export async function previewCampaignAction(form: FormData) {
  return runAction(async (ctx) => {
    const { settings, bytes } = await readUpload(form);
    const { rows, extraColumns } = await csvErrors(() => previewCampaign(ctx, settings, bytes));
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
    return {
      total: rows.length,
      counts,
      extraColumns,
      // Every row, compact: the preview table filters by outcome and the error report needs them all.
      rows: rows.map((r) => ({ line: r.line, email: r.email, name: r.name ?? "", role: r.role, team: r.team ?? "", outcome: r.outcome, message: ROW_OUTCOME_TEXT[r.outcome] })),
      sample: rows.find((r) => r.outcome === "valid") ?? null,
    };
  });
}

export async function createCampaignAction(form: FormData) {
  return runAction(async (ctx) => {
    const { settings, bytes } = await readUpload(form);
    const result = await csvErrors(() => createCampaign(ctx, settings, bytes));
    revalidatePath("/campaigns");
    return result;
  });
}

export async function controlCampaignAction(input: { id: string; command: CampaignCommand }) {
  return runAction(async (ctx) => {
    const { id, command } = z.object({ id: z.string().uuid(), command: z.enum(["pause", "resume", "cancel", "retry-failed"]) }).parse(input);
    const result = await controlCampaign(ctx, id, command);
    revalidatePath(`/campaigns/${id}`);
    return result;
  });
}
