"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { runAction } from "@/lib/safe-action";
import { createCampaign, previewCampaign } from "./create-campaign";
import { CsvError, MAX_CSV_BYTES, tooLargeMessage } from "./csv";
import { controlCampaign, type CampaignCommand } from "./manage-campaign";
import { campaignSettingsSchema, INVITATION_PAGE_NOTE, ROW_OUTCOME_TEXT } from "./schema";

async function readUpload(form: FormData) {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("Choose a CSV file.");
  if (file.size > MAX_CSV_BYTES) throw new AppError(tooLargeMessage(file.size));
  const settings = campaignSettingsSchema.parse(JSON.parse(String(form.get("settings") ?? "{}")));
  return { settings, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Check the file once and keep it as a draft; shows what would happen and writes nothing else. */
export async function previewCampaignAction(form: FormData) {
  return runAction(async (ctx) => {
    const { settings, bytes } = await readUpload(form);
    const { draftId, rows, extraColumns } = await previewCampaign(ctx, settings, bytes).catch((e) => {
      throw e instanceof CsvError ? new AppError(e.message) : e;
    });
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
    return {
      draftId,
      total: rows.length,
      counts,
      extraColumns,
      // Every row, compact: the preview table filters by outcome and the error report needs them all.
      rows: rows.map((r) => ({
        line: r.line,
        email: r.email,
        name: r.name ?? "",
        role: r.role,
        team: r.team ?? "",
        outcome: r.outcome,
        message: r.invitationPageOnly ? INVITATION_PAGE_NOTE : ROW_OUTCOME_TEXT[r.outcome],
      })),
      sample: rows.find((r) => r.outcome === "valid") ?? null,
    };
  });
}

/** Start the campaign from a checked upload (its rows are checked again against the database). */
export async function createCampaignAction(input: { draftId: string; settings: unknown }) {
  return runAction(async (ctx) => {
    const { draftId, settings } = z.object({ draftId: z.string().uuid(), settings: campaignSettingsSchema }).parse(input);
    const result = await createCampaign(ctx, settings, { draftId });
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
