/**
 * The job worker: runs inside the app by default (instrumentation.ts) and as separate processes with
 * `npm run worker` to scale out. Every worker takes jobs from the same PostgreSQL queue.
 */
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { CAMPAIGN_QUEUE, enqueueCampaign, getBoss, jobSettings } from "./queue";

let started = false;

export async function startWorker() {
  if (started) return;
  started = true;
  const boss = await getBoss();
  await boss.work<{ campaignId: string }>(CAMPAIGN_QUEUE, { batchSize: 1, pollingIntervalSeconds: Number(process.env.WORKER_POLL_SECONDS ?? 1) }, async ([job]) => {
    const result = await sendCampaign(job.data.campaignId, jobSettings().budgetMs);
    if (result.state === "more") await enqueueCampaign(job.data.campaignId);
  });
}
