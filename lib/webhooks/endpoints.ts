/**
 * Webhook endpoints (platform admins, `webhook:manage`): create (the signing secret is shown once), change,
 * disable or enable, rotate the secret, delete; replay a delivery. Each change is audited in its transaction.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, NotFoundError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { endpointFields, endpointUrl } from "./schema";
import { newSigningSecret, sealSecret } from "./secret";

const createInput = () => z.object({ url: endpointUrl(env.mayUseDevServices), ...endpointFields });
export type CreateEndpointInput = z.input<ReturnType<typeof createInput>>;

async function checkOrganization(organizationId: string | null | undefined) {
  if (organizationId && !(await prisma.organization.findUnique({ where: { id: organizationId }, select: { id: true } }))) throw new NotFoundError("The organization does not exist.");
}

export async function createWebhookEndpoint(ctx: ActorContext, raw: CreateEndpointInput) {
  const actor = await authorize(ctx.actor, "webhook:manage");
  const input = createInput().parse(raw);
  await checkOrganization(input.organizationId);
  const id = randomUUID();
  const secret = newSigningSecret();
  await prisma.$transaction(async (tx) => {
    await tx.webhookEndpoint.create({
      data: { id, url: input.url, description: input.description, events: input.events, organizationId: input.organizationId ?? null, secret: await sealSecret(secret), createdById: actor.userId },
    });
    await recordAudit(tx, ctx, { action: "webhook.endpoint_created", organizationId: input.organizationId ?? null, target: { type: "webhookEndpoint", id, label: input.url }, metadata: { events: input.events } });
  });
  return { id, secret };
}

const updateInput = () => z.object({ url: endpointUrl(env.mayUseDevServices).optional(), enabled: z.boolean().optional(), ...endpointFields }).partial();
export type UpdateEndpointInput = z.input<ReturnType<typeof updateInput>>;

export async function updateWebhookEndpoint(ctx: ActorContext, id: string, raw: UpdateEndpointInput) {
  await authorize(ctx.actor, "webhook:manage");
  const input = updateInput().parse(raw);
  await checkOrganization(input.organizationId);
  const before = await prisma.webhookEndpoint.findUnique({ where: { id } });
  if (!before) throw new NotFoundError("Webhook endpoint not found.");
  const reenabled = input.enabled === true && !before.enabled;
  await prisma.$transaction(async (tx) => {
    await tx.webhookEndpoint.update({
      where: { id },
      data: {
        ...input,
        ...(input.enabled === false ? { disabledAt: new Date(), disabledReason: "Disabled by an admin." } : {}),
        ...(reenabled ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0 } : {}),
        updatedAt: new Date(),
      },
    });
    const changed = Object.keys(input).filter((k) => JSON.stringify(input[k as keyof typeof input]) !== JSON.stringify(before[k as keyof typeof before]));
    await recordAudit(tx, ctx, { action: "webhook.endpoint_updated", organizationId: before.organizationId, target: { type: "webhookEndpoint", id, label: input.url ?? before.url }, metadata: { changed } });
  });
}

export async function rotateWebhookSecret(ctx: ActorContext, id: string) {
  await authorize(ctx.actor, "webhook:manage");
  const secret = newSigningSecret();
  await prisma.$transaction(async (tx) => {
    const done = await tx.webhookEndpoint.updateMany({ where: { id }, data: { secret: await sealSecret(secret), updatedAt: new Date() } });
    if (!done.count) throw new NotFoundError("Webhook endpoint not found.");
    await recordAudit(tx, ctx, { action: "webhook.secret_rotated", target: { type: "webhookEndpoint", id } });
  });
  return { secret };
}

/** Deletes the endpoint and its deliveries (the events stay for other endpoints). */
export async function deleteWebhookEndpoint(ctx: ActorContext, id: string) {
  await authorize(ctx.actor, "webhook:manage");
  await prisma.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id }, select: { url: true, organizationId: true } });
    if (!endpoint) throw new NotFoundError("Webhook endpoint not found.");
    await tx.webhookDelivery.deleteMany({ where: { endpointId: id } });
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordAudit(tx, ctx, { action: "webhook.endpoint_deleted", organizationId: endpoint.organizationId, target: { type: "webhookEndpoint", id, label: endpoint.url } });
  });
}

/** Sends a delivery again now (a new series of attempts), whatever its state; the receiver sees the same webhook-id. */
export async function replayWebhookDelivery(ctx: ActorContext, deliveryId: string) {
  await authorize(ctx.actor, "webhook:manage");
  await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; status: string }[]>`
      UPDATE "admit"."webhook_delivery" SET status = 'pending', "nextAttemptAt" = now(), attempts = 0, "lockedUntil" = NULL
      WHERE id = ${deliveryId} AND status <> 'delivering' RETURNING id, status`;
    if (!rows.length) {
      const exists = await tx.webhookDelivery.findUnique({ where: { id: deliveryId }, select: { id: true } });
      throw exists ? new AppError("This delivery is being sent right now.", 409, "conflict") : new NotFoundError("Delivery not found.");
    }
    await recordAudit(tx, ctx, { action: "webhook.delivery_replayed", target: { type: "webhookDelivery", id: deliveryId } });
  });
}
