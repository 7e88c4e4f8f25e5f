import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { AppError, NotFoundError, UnauthorizedError } from "@/lib/errors";
import { enqueueCampaign } from "@/lib/jobs/queue";
import { authorize } from "@/lib/permissions";

export type CampaignCommand = "pause" | "resume" | "cancel" | "retry-failed";

/** Allowed transitions: pause a sending campaign, resume a paused one, cancel either, retry failures. */
export async function controlCampaign(ctx: ActorContext, campaignId: string, command: CampaignCommand) {
  if (!ctx.actor) throw new UnauthorizedError();
  const campaign = await prisma.campaign.findUnique({ where: { id: campaignId }, select: { id: true, name: true, status: true, organizationId: true, pausedReason: true } });
  if (!campaign) throw new NotFoundError("Campaign not found.");
  await authorize(ctx.actor, "campaign:manage", { organizationId: campaign.organizationId });
  const changed = await prisma.$transaction(async (tx) => {
    let count = 0;
    if (command === "pause") count = (await tx.campaign.updateMany({ where: { id: campaignId, status: { in: ["queued", "sending"] } }, data: { status: "paused" } })).count;
    // Resuming a campaign that paused itself for its bounce rate is a person's call: it will not pause for that again.
    if (command === "resume") count = (await tx.campaign.updateMany({ where: { id: campaignId, status: "paused" }, data: { status: "sending", pausedReason: null, ...(campaign.pausedReason ? { ignoreBounceRate: true } : {}) } })).count;
    if (command === "cancel") {
      count = (await tx.campaign.updateMany({ where: { id: campaignId, status: { in: ["queued", "sending", "paused"] } }, data: { status: "canceled", finishedAt: new Date() } })).count;
      if (count) await tx.campaignRecipient.updateMany({ where: { campaignId, status: "pending" }, data: { status: "canceled" } });
    }
    if (command === "retry-failed") {
      count = (await tx.campaignRecipient.updateMany({ where: { campaignId, status: "failed" }, data: { status: "pending", error: null } })).count;
      if (count) await tx.campaign.update({ where: { id: campaignId }, data: { status: "sending", finishedAt: null } });
    }
    if (!count) return 0;
    await recordAudit(tx, ctx, { action: `campaign.${command}`, organizationId: campaign.organizationId, target: { type: "campaign", id: campaignId, label: campaign.name }, metadata: command === "retry-failed" ? { recipients: count } : {} });
    return count;
  });
  if (!changed) throw new AppError(command === "retry-failed" ? "There are no failed recipients to retry." : `The campaign is ${campaign.status}; it cannot be ${command === "pause" ? "paused" : command === "resume" ? "resumed" : "canceled"}.`, 409);
  if (command === "resume" || command === "retry-failed") await enqueueCampaign(campaignId);
  return { changed };
}
