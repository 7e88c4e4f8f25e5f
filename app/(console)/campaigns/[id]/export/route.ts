import { recipientStages } from "@/lib/campaigns/funnel";
import { prisma } from "@/lib/db";
import { csvFileName, toCsv } from "@/lib/csv-export";
import { can } from "@/lib/permissions";
import { getActor } from "@/lib/session";

/** Recipients with their status and funnel stages (lib/campaigns/funnel.ts), as CSV (spreadsheet-safe). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor(request.headers);
  const campaign = await prisma.campaign.findUnique({ where: { id }, select: { id: true, name: true, organizationId: true } });
  if (!actor) return new Response("Sign in first.", { status: 401 });
  if (!campaign || !(await can(actor, "campaign:read", { organizationId: campaign.organizationId }))) return new Response("Not found.", { status: 404 });
  const rows = await prisma.campaignRecipient.findMany({
    where: { campaignId: id },
    orderBy: { row: "asc" },
    select: { id: true, email: true, name: true, status: true, deliveryStatus: true, error: true, sentAt: true, deliveredAt: true, openedAt: true, clickedAt: true },
  });
  const stages = await recipientStages(id, rows.map((r) => r.id));
  const csv = toCsv(
    ["email", "name", "status", "delivery", "error", "sentAt", "deliveredAt", "openedAt", "clickedAt", "stages"],
    rows.map((r) => [r.email, r.name, r.status, r.deliveryStatus, r.error, r.sentAt?.toISOString(), r.deliveredAt?.toISOString(), r.openedAt?.toISOString(), r.clickedAt?.toISOString(), (stages.get(r.id) ?? []).join(" ")]),
  );
  const filename = csvFileName(campaign.name, "recipients", "campaign");
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` } });
}
