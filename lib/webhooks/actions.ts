"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/safe-action";
import { createWebhookEndpoint, deleteWebhookEndpoint, replayWebhookDelivery, rotateWebhookSecret, updateWebhookEndpoint, type CreateEndpointInput, type UpdateEndpointInput } from "./endpoints";

const id = z.string().uuid();

export async function createWebhookEndpointAction(input: CreateEndpointInput) {
  return runAction(async (ctx) => {
    const created = await createWebhookEndpoint(ctx, input);
    revalidatePath("/webhooks");
    return created;
  });
}

export async function updateWebhookEndpointAction(input: { id: string; changes: UpdateEndpointInput }) {
  return runAction(async (ctx) => {
    await updateWebhookEndpoint(ctx, id.parse(input.id), input.changes);
    revalidatePath("/webhooks");
    return { updated: true };
  });
}

export async function rotateWebhookSecretAction(input: { id: string }) {
  return runAction(async (ctx) => rotateWebhookSecret(ctx, id.parse(input.id)));
}

export async function deleteWebhookEndpointAction(input: { id: string }) {
  return runAction(async (ctx) => {
    await deleteWebhookEndpoint(ctx, id.parse(input.id));
    revalidatePath("/webhooks");
    return { deleted: true };
  });
}

export async function replayWebhookDeliveryAction(input: { id: string }) {
  return runAction(async (ctx) => {
    await replayWebhookDelivery(ctx, id.parse(input.id));
    return { replayed: true };
  });
}
