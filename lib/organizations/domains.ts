/**
 * Verified domains. An organization's owners and admins (`organization:settings`) claim an email domain, prove it
 * with a DNS TXT record (`_admit-challenge.<domain>` = `admit-verification=<token>`), then choose what happens to
 * people with addresses there when they sign in (lib/organizations/join-requests.ts): nothing, join with a role,
 * or ask to join. A domain is verified for one organization at a time (checked under a lock on the domain); public
 * mail providers cannot be claimed. Every change is audited in its transaction.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { lockFor, prisma, type Prisma } from "@/lib/db";
import { AppError, NotFoundError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { txtRecords } from "./dns";

export const DOMAIN_POLICIES = ["none", "auto_join", "request"] as const;
export type DomainPolicy = (typeof DOMAIN_POLICIES)[number];
const PUBLIC_PROVIDERS = new Set(["gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "web.de", "mail.com", "yandex.com"]);

export const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "Enter a domain such as example.com.")
  .refine((d) => !PUBLIC_PROVIDERS.has(d), "Public mail providers cannot be claimed.");

export const challengeName = (domain: string) => `_admit-challenge.${domain}`;
export const challengeValue = (token: string) => `admit-verification=${token}`;

async function loadDomain(ctx: ActorContext, id: string) {
  const domain = await prisma.organizationDomain.findUnique({ where: { id } });
  if (!domain) throw new NotFoundError("Domain not found.");
  await authorize(ctx.actor, "organization:settings", { organizationId: domain.organizationId });
  return domain;
}

const audit = (ctx: ActorContext, d: { id: string; organizationId: string; domain: string }, action: string, metadata: Prisma.InputJsonObject = {}) =>
  prisma.$transaction((tx) => recordAudit(tx, ctx, { action, organizationId: d.organizationId, target: { type: "domain", id: d.id, label: d.domain }, metadata }));

/** Claims a domain for the organization: returns the TXT record to create. */
export async function addDomain(ctx: ActorContext, input: { organizationId: string; domain: string }) {
  await authorize(ctx.actor, "organization:settings", { organizationId: input.organizationId });
  const domain = domainName.parse(input.domain);
  const org = await prisma.organization.findUnique({ where: { id: input.organizationId }, select: { id: true } });
  if (!org) throw new NotFoundError("Organization not found.");
  return prisma.$transaction(async (tx) => {
    const existing = await tx.organizationDomain.findUnique({ where: { organizationId_domain: { organizationId: org.id, domain } } });
    if (existing) throw new AppError(`${domain} is already listed for this organization.`, 409);
    const row = await tx.organizationDomain.create({ data: { id: randomUUID(), organizationId: org.id, domain, token: randomBytes(16).toString("hex"), createdById: ctx.actor!.userId } });
    await recordAudit(tx, ctx, { action: "domain.added", organizationId: org.id, target: { type: "domain", id: row.id, label: domain } });
    return { id: row.id, domain, record: { name: challengeName(domain), value: challengeValue(row.token) } };
  });
}

/** Looks for the TXT record; verified when it is there and no other organization holds the domain verified. */
export async function verifyDomain(ctx: ActorContext, id: string) {
  const d = await loadDomain(ctx, id);
  if (d.verifiedAt) return { verified: true as const };
  let records: string[];
  try {
    records = await txtRecords(challengeName(d.domain));
  } catch {
    throw new AppError("DNS could not be asked just now; try again in a minute.", 503);
  }
  if (!records.includes(challengeValue(d.token))) throw new AppError(`No TXT record ${challengeName(d.domain)} with ${challengeValue(d.token)} yet. DNS changes can take a while to appear.`, 422);
  await prisma.$transaction(async (tx) => {
    await lockFor(tx, `domain:${d.domain}`);
    const held = await tx.organizationDomain.findFirst({ where: { domain: d.domain, verifiedAt: { not: null }, NOT: { id: d.id } }, select: { id: true } });
    if (held) throw new AppError(`${d.domain} is verified by another organization.`, 409);
    await tx.organizationDomain.update({ where: { id: d.id }, data: { verifiedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "domain.verified", organizationId: d.organizationId, target: { type: "domain", id: d.id, label: d.domain } });
  });
  return { verified: true as const };
}

export const domainPolicyInput = z.object({ id: z.string().min(1).max(64), policy: z.enum(DOMAIN_POLICIES), role: z.enum(["member", "admin"]).default("member") });

/** What happens to people of a verified domain when they sign in. (Owners are never made this way.) */
export async function setDomainPolicy(ctx: ActorContext, raw: z.input<typeof domainPolicyInput>) {
  const input = domainPolicyInput.parse(raw);
  const d = await loadDomain(ctx, input.id);
  if (!d.verifiedAt && input.policy !== "none") throw new AppError("Verify the domain first.", 409);
  await prisma.organizationDomain.update({ where: { id: d.id }, data: { policy: input.policy, role: input.role } });
  await audit(ctx, d, "domain.policy_changed", { from: d.policy, to: input.policy, role: input.role });
  return { policy: input.policy, role: input.role };
}

export async function removeDomain(ctx: ActorContext, id: string) {
  const d = await loadDomain(ctx, id);
  await prisma.$transaction(async (tx) => {
    await tx.joinRequest.updateMany({ where: { domainId: d.id, status: "pending" }, data: { status: "declined", decidedAt: new Date(), decidedById: ctx.actor?.userId } });
    await tx.organizationDomain.delete({ where: { id: d.id } });
    await recordAudit(tx, ctx, { action: "domain.removed", organizationId: d.organizationId, target: { type: "domain", id: d.id, label: d.domain } });
  });
  return { removed: true };
}
