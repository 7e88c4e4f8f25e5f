import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { Resend } from "resend";
import { env } from "@/lib/env";
import { SUPPRESSED_TEXT, suppressedAmong } from "./suppression";

/**
 * The one way Admit sends email: the Resend SDK, single or batch. Without RESEND_API_KEY the SDK is
 * pointed (RESEND_BASE_URL, set by scripts/launch.ts and the tests) at the local sink in ./sink.
 * Suppressed addresses (./suppression.ts) are never sent to: their result says `suppressed`.
 */
/** A message: a react-email element, or HTML and text already rendered (bulk sends render once). */
export type OutgoingEmail = {
  to: string;
  subject: string;
  tags?: { name: string; value: string }[];
} & ({ react: ReactElement; html?: never; text?: never } | { react?: never; html: string; text: string });

export interface SendResult {
  to: string;
  id?: string;
  error?: string;
  /** Not sent: the address is on the suppression list. */
  suppressed?: true;
}

/** `requestedByRecipient`: mail the person asked for themselves (a sign-in link), sent even when suppressed. */
export interface SendOptions {
  requestedByRecipient?: boolean;
}

export const RESEND_BATCH_LIMIT = 100;

let client: Resend | undefined;
function resend() {
  if (!env.mailConfigured) {
    throw new Error("Email is not configured: set RESEND_API_KEY (RESEND_BASE_URL for a local sink works in development only)");
  }
  return (client ??= new Resend(env.resendApiKey));
}

async function toPayload(email: OutgoingEmail) {
  const [html, text] = email.react ? await Promise.all([render(email.react), render(email.react, { plainText: true })]) : [email.html, email.text];
  return { from: env.emailFrom, to: email.to, subject: email.subject, html, text, tags: email.tags };
}

export class EmailSendError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export async function sendEmail(email: OutgoingEmail, opts: SendOptions = {}): Promise<SendResult> {
  if (!opts.requestedByRecipient && (await suppressedAmong([email.to])).size) return { to: email.to, error: SUPPRESSED_TEXT, suppressed: true };
  const { data, error, headers } = await resend().emails.send(await toPayload(email));
  if (error) throw asSendError(error, headers);
  return { to: email.to, id: data?.id };
}

/**
 * Sends through `resend.batch.send`, one call per 100 messages. With `permissive`, a message that Resend
 * rejects fails alone and is reported in its result; otherwise a rejected message fails its whole call.
 */
export async function sendEmailBatch(
  emails: OutgoingEmail[],
  opts: SendOptions & { permissive?: boolean; idempotencyKey?: (chunkIndex: number) => string } = {},
): Promise<SendResult[]> {
  const suppressed = opts.requestedByRecipient ? new Set<string>() : await suppressedAmong(emails.map((e) => e.to));
  const sendable = emails.filter((e) => !suppressed.has(e.to.toLowerCase()));
  const sent = new Map<OutgoingEmail, SendResult>();
  for (let start = 0, chunk = 0; start < sendable.length; start += RESEND_BATCH_LIMIT, chunk++) {
    const slice = sendable.slice(start, start + RESEND_BATCH_LIMIT);
    const payload = await Promise.all(slice.map(toPayload));
    const { data, error, headers } = await resend().batch.send(payload, {
      batchValidation: opts.permissive ? "permissive" : "strict",
      idempotencyKey: opts.idempotencyKey?.(chunk),
    });
    if (error) throw asSendError(error, headers);
    const failed = new Map<number, string>();
    for (const e of (data as { errors?: { index: number; message: string }[] } | null)?.errors ?? []) failed.set(e.index, e.message);
    const ids = data?.data ?? [];
    let next = 0;
    slice.forEach((email, i) => {
      const reason = failed.get(i);
      sent.set(email, reason ? { to: email.to, error: reason } : { to: email.to, id: ids[next++]?.id });
    });
  }
  return emails.map((e) => sent.get(e) ?? { to: e.to, error: SUPPRESSED_TEXT, suppressed: true });
}

function asSendError(error: { message: string; statusCode?: number | null }, headers: Record<string, string> | null) {
  const retryAfter = Number(headers?.["retry-after"]);
  return new EmailSendError(error.message, error.statusCode ?? null, Number.isFinite(retryAfter) ? retryAfter : undefined);
}
