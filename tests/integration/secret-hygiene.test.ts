/**
 * Raw tokens and invitation ids never reach the logs, audit metadata or error messages. The flows that
 * handle them run here (sign-in links used, replayed, revoked and forged; magic links; invitations
 * created, answered by the wrong person and forged; a campaign sent) while everything written to the
 * console is captured; then every secret is looked for in that output, in all audit metadata and in the
 * error texts the flows returned.
 */
import { randomBytes } from "node:crypto";
import { actingAs } from "@/lib/actor";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as confirmLink } from "@/app/(auth)/link/[token]/confirm/route";
import { POST as confirmMagicLink } from "@/app/(auth)/sign-in/link/confirm/route";
import { auth } from "@/lib/auth";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { sendCampaign } from "@/lib/campaigns/send-campaign";
import { prisma } from "@/lib/db";
import { findLink, listSinkMessages } from "@/lib/dev/resend-sink/client";
import { createInvitations } from "@/lib/invitations/create-invitations";
import { logError, redact } from "@/lib/log";
import { issueSignInLinks } from "@/lib/sign-in-links/issue-sign-in-links";
import { revokeSignInLinks } from "@/lib/sign-in-links/revoke-sign-in-links";
import { actorOf, createOrganization, createUser, signInCookie, uniqueEmail } from "@/tests/support/factories";

const origin = "http://localhost:3000";
let ip = 0;
const nextIp = () => `127.77.${Math.floor(++ip / 250)}.${1 + (ip % 250)}`;
const logged: string[] = [];
const secrets = new Set<string>();
const errorTexts: string[] = [];

beforeAll(() => {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
  }
});
afterAll(() => vi.restoreAllMocks());

const postLink = (token: string) =>
  confirmLink(new Request(`${origin}/link/${token}/confirm`, { method: "POST", headers: { origin, "x-forwarded-for": nextIp() } }), { params: Promise.resolve({ token }) });
/** Admit's endpoint itself (server only: the confirm page calls it in process), for its error bodies. */
const consume = (token: string) => auth.api.consumeSignInLink({ body: { token }, headers: new Headers({ "x-forwarded-for": nextIp() }), asResponse: true });
/** What a failed response tells its caller, minus the redirect back to the page the holder already has open. */
const errorText = async (res: Response) => `${res.status} ${await res.text()}`;

describe("secret hygiene", () => {
  it("sign-in links: used, replayed, revoked and forged tokens appear in no log line, audit metadata or error", async () => {
    const admin = await createUser({ role: "admin" });
    const people = await Promise.all([createUser(), createUser(), createUser()]);
    const links = await issueSignInLinks(await actingAs(admin.id), { purpose: "sign-in", recipients: people.map((p) => ({ email: p.email })) });
    const tokens = links.map((l) => l.url!.split("/link/")[1]);
    tokens.forEach((t) => secrets.add(t));
    expect((await postLink(tokens[0])).status).toBe(303);
    errorTexts.push(await errorText(await consume(tokens[0]))); // replay
    await revokeSignInLinks({ actor: await actorOf(admin) }, [links[1].linkId!]);
    errorTexts.push(await errorText(await consume(tokens[1]))); // revoked
    const forged = randomBytes(32).toString("base64url");
    secrets.add(forged);
    errorTexts.push(await errorText(await consume(forged)));
    errorTexts.push(await errorText(await consume(`${forged}'; DROP TABLE "user"; --`)));
    expect((await postLink(tokens[2])).status).toBe(303);
  });

  it("magic links: the token of a used or forged link is nowhere", async () => {
    const user = await createUser();
    const sent = await auth.handler(
      new Request(`${origin}/api/auth/sign-in/magic-link`, { method: "POST", headers: { "content-type": "application/json", origin, "x-forwarded-for": nextIp() }, body: JSON.stringify({ email: user.email, callbackURL: "/" }) }),
    );
    expect(sent.status).toBe(200);
    const [message] = await listSinkMessages({ to: user.email });
    const token = new URL(findLink(message, "/sign-in/link?")!).searchParams.get("token")!;
    secrets.add(token);
    const post = (t: string) =>
      confirmMagicLink(new Request(`${origin}/sign-in/link/confirm`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin, "x-forwarded-for": nextIp() }, body: new URLSearchParams({ token: t, next: "/" }) }));
    expect((await post(token)).status).toBe(303);
    const replay = await post(token);
    expect(replay.headers.get("location") ?? "").not.toContain(token);
    errorTexts.push(await errorText(replay));
  });

  it("invitations: ids stay out of logs, audit metadata and the errors shown to the wrong person", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const { outcomes } = await createInvitations(await actingAs(owner.id), { organizationId: org.id, invitees: [{ email: uniqueEmail("hyg") }, { email: uniqueEmail("hyg") }], send: true });
    const ids = outcomes.map((o) => o.invitationId!);
    ids.forEach((id) => secrets.add(id));
    // Someone else, signed in, tries to accept and to reject; and a made-up id.
    const stranger = await createUser();
    const cookie = await signInCookie(stranger.email);
    for (const path of ["/organization/accept-invitation", "/organization/reject-invitation"]) {
      for (const invitationId of [ids[0], `${ids[1]}x`]) {
        const res = await auth.handler(
          new Request(`${origin}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", origin, cookie, "x-forwarded-for": nextIp() }, body: JSON.stringify({ invitationId }) }),
        );
        expect(res.ok).toBe(false);
        errorTexts.push(await errorText(res));
      }
    }
  });

  it("campaigns: the per-recipient link tokens are in the emails only", async () => {
    const owner = await createUser();
    const org = await createOrganization(owner);
    const prefix = `hy${randomBytes(3).toString("hex")}`;
    const csv = new TextEncoder().encode(["email,name", ...Array.from({ length: 5 }, (_, i) => `${prefix}.${i}@example.test,P${i}`)].join("\n"));
    const settings = { organizationId: org.id, kind: "invitation" as const, name: "hygiene", role: "member" as const, expiresIn: 7 * 86400, subject: "Hi", message: "Hello {{name}}" };
    const { id } = await createCampaign({ actor: await actorOf(owner) }, settings, csv);
    process.env.CAMPAIGN_RPS = "0";
    expect((await sendCampaign(id, 60_000)).state).toBe("completed");
    for (const m of await listSinkMessages({ to: prefix })) secrets.add(findLink(m, "/link/")!.split("/link/")[1]);
    for (const r of await prisma.campaignRecipient.findMany({ where: { campaignId: id }, select: { invitationId: true } })) secrets.add(r.invitationId!);
    expect(secrets.size).toBeGreaterThan(5);
  });

  it("an unexpected error's log line is redacted", () => {
    const token = randomBytes(32).toString("base64url");
    const id = randomBytes(16).toString("hex");
    secrets.add(token).add(id);
    logError("test", new Error(`Invalid \`prisma.invitation.update()\` invocation: { where: { id: "${id}" }, data: { token: "${token}" } }`), `/link/${token}?token=${token}`);
    expect(redact(`id=${id}`)).toBe("id=[redacted]");
  });

  it("finds none of the secrets anywhere", async () => {
    expect(secrets.size).toBeGreaterThan(10);
    expect(logged.length).toBeGreaterThan(0); // at least the redacted line above was captured
    const metadata = (await prisma.$queryRaw<{ m: string }[]>`SELECT coalesce(string_agg(metadata::text, E'\n'), '') AS m FROM "admit"."audit_event"`)[0].m;
    const where = (s: string) =>
      [logged.some((l) => l.includes(s)) && "log", metadata.includes(s) && "audit metadata", errorTexts.some((e) => e.includes(s)) && "error message"].filter(Boolean);
    const leaks = [...secrets].map((s) => ({ secret: `${s.slice(0, 6)}…`, in: where(s) })).filter((l) => l.in.length);
    expect(leaks).toEqual([]);
  });
});
