import { handleResendWebhook } from "@/lib/campaigns/webhooks";

export async function POST(request: Request) {
  const payload = await request.text();
  if (payload.length > 1_000_000) return Response.json({ error: "Payload too large." }, { status: 413 });
  const { status, body } = await handleResendWebhook(payload, request.headers);
  return Response.json(body, { status });
}
