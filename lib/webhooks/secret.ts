/**
 * Endpoint signing secrets: Standard Webhooks' `whsec_` + base64 of 32 random bytes, kept encrypted with the
 * server secret (better-auth's symmetric encryption), decrypted only to sign a delivery.
 */
import { randomBytes } from "node:crypto";
import { symmetricDecrypt, symmetricEncrypt } from "better-auth/crypto";
import { env } from "@/lib/env";

export function newSigningSecret() {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export function sealSecret(secret: string) {
  return symmetricEncrypt({ key: env.authSecret, data: secret });
}

export function openSecret(sealed: string) {
  return symmetricDecrypt({ key: env.authSecret, data: sealed });
}
