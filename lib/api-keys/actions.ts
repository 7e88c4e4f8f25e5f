"use server";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/safe-action";
import { createApiKey } from "./create-api-key";
import { revokeApiKeys } from "./revoke-api-key";
import { apiKeyIdsSchema, createApiKeyInput, type CreateApiKeyInput } from "./schema";

export async function createApiKeyAction(input: CreateApiKeyInput) {
  return runAction(async (ctx) => {
    const created = await createApiKey(ctx, createApiKeyInput.parse(input));
    revalidatePath("/api-keys");
    // The key leaves the server once, in this answer.
    return { ...created, expiresAt: created.expiresAt.toISOString() };
  });
}

export async function revokeApiKeysAction(input: { ids: string[] }) {
  return runAction(async (ctx) => {
    const { ids } = apiKeyIdsSchema.parse(input);
    const results = await revokeApiKeys(ctx, ids);
    revalidatePath("/api-keys");
    return results;
  });
}
