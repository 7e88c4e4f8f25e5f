import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { listSinkMessages } from "@/lib/dev/resend-sink/client";
import { sendEmail, sendEmailBatch } from "@/lib/email/send";
import { MagicLinkEmail } from "@/lib/email/templates/magic-link-email";
import { uniqueEmail } from "@/tests/support/factories";

const react = createElement(MagicLinkEmail, { url: "http://localhost:3000/x", email: "a@example.test", expiresInMinutes: 5 });

describe("email send path (Resend SDK against the local sink)", () => {
  it("sends one message with HTML and a plain-text part", async () => {
    const to = uniqueEmail("single");
    const { id } = await sendEmail({ to, subject: "Hello", react });
    const [stored] = await listSinkMessages({ to });
    expect(stored.id).toBe(id);
    expect(stored.html).toContain("http://localhost:3000/x");
    expect(stored.text).toContain("Sign in");
  });

  it("sends 250 messages in three batch calls of at most 100", async () => {
    const prefix = `batch${Date.now()}`;
    const emails = Array.from({ length: 250 }, (_, i) => ({ to: `${prefix}.${i}@example.test`, subject: `n${i}`, react }));
    const keys: number[] = [];
    const results = await sendEmailBatch(emails, { idempotencyKey: (chunk) => (keys.push(chunk), `k-${prefix}-${chunk}`) });
    expect(keys).toEqual([0, 1, 2]);
    expect(results.every((r) => r.id && !r.error)).toBe(true);
    expect(await listSinkMessages({ to: prefix, limit: 1000 })).toHaveLength(250);
  });

  it("permissive batches fail only the bad address", async () => {
    const good = uniqueEmail("good");
    const results = await sendEmailBatch(
      [
        { to: good, subject: "ok", react },
        { to: "not-an-address", subject: "bad", react },
      ],
      { permissive: true },
    );
    expect(results[0]).toMatchObject({ to: good });
    expect(results[0].id).toBeDefined();
    expect(results[1].error).toMatch(/Invalid `to` field/);
  });

  it("strict batches reject the whole call with Resend's validation error", async () => {
    await expect(sendEmailBatch([{ to: "nope", subject: "bad", react }])).rejects.toMatchObject({ statusCode: 422 });
  });
});
