/**
 * Whether the audit log is intact (lib/audit/chain.ts says how it is chained): every chain is read in order
 * and each event's hash recomputed; the first event that does not fit, and why, is reported per chain.
 */
import { prisma } from "@/lib/db";
import { checkpointSigned, eventHash, headSigned, PLATFORM_CHAIN, type AuditChainRow } from "./chain";

export interface ChainProblem {
  /** The place in the chain where it stops verifying. */
  seq: number;
  eventId: string | null;
  reason: string;
}

export interface ChainReport {
  chain: string;
  /** The organization's name for an organization's chain ("Platform" for the platform's; the id if it is gone). */
  label: string;
  /** Events the chain holds, from its checkpoint (or its start) to its signed head. */
  events: number;
  firstSeq: number;
  headSeq: number;
  sealedAt: string | null;
  /** Events retention removed before `firstSeq` (a signed checkpoint stands for them). */
  pruned: number;
  prunedAt: string | null;
  problem: ChainProblem | null;
}

const BATCH = 5000;

/** Follows one chain from its checkpoint (or its start) to its signed head; the first problem found, or null. */
async function checkChain(chain: string, head: AuditChainRow | null): Promise<{ events: number; firstSeq: number; problem: ChainProblem | null }> {
  let expect = 1;
  let prev: string | null = null;
  let events = 0;
  const fail = (seq: number, eventId: string | null, reason: string) => ({ events, firstSeq: head?.checkpointSeq != null ? head.checkpointSeq + 1 : 1, problem: { seq, eventId, reason } });
  if (head?.checkpointSeq != null) {
    const signed = head.checkpointHash && head.checkpointSignature && checkpointSigned({ ...head, checkpointSeq: head.checkpointSeq, checkpointHash: head.checkpointHash, checkpointSignature: head.checkpointSignature });
    if (!signed) return fail(head.checkpointSeq, null, "The retention checkpoint's signature does not match: it was altered (or BETTER_AUTH_SECRET changed).");
    expect = head.checkpointSeq + 1;
    prev = head.checkpointHash;
  }
  const firstSeq = expect;
  if (head && !headSigned(head)) return fail(head.seq, null, "The chain's signed head does not match: the chain was rewritten (or BETTER_AUTH_SECRET changed).");
  for (;;) {
    const rows = await prisma.auditEvent.findMany({ where: { chain, seq: { gte: expect } }, orderBy: { seq: "asc" }, take: BATCH });
    for (const e of rows) {
      const stored = e.hash;
      if (e.seq !== expect) return fail(expect, null, expect === e.seq! - 1 ? `Event ${expect} is missing: it was deleted.` : `Events ${expect} to ${e.seq! - 1} are missing: they were deleted.`);
      if (e.prevHash !== prev) return fail(expect, e.id, `Event ${expect} does not follow the event before it: that event, or its hash, was changed.`);
      if (!stored || eventHash(e) !== stored) return fail(expect, e.id, `Event ${expect} was changed after it was recorded: its contents no longer match its hash.`);
      prev = stored;
      expect++;
      events++;
    }
    if (rows.length < BATCH) break;
  }
  const last = expect - 1;
  if (!head) return { events, firstSeq, problem: events ? { seq: 1, eventId: null, reason: "The chain has no signed head: it was not sealed by Admit." } : null };
  if (last < head.seq) return fail(last + 1, null, last + 1 === head.seq ? `Event ${head.seq}, the last sealed one, is missing: it was deleted.` : `Events ${last + 1} to ${head.seq}, the last sealed ones, are missing: they were deleted.`);
  if (last > head.seq) return fail(head.seq + 1, null, `Events after ${head.seq} were added to the chain without being sealed by Admit.`);
  if (prev !== head.hash) return fail(head.seq, null, `Event ${head.seq} does not match the chain's signed head.`);
  return { events, firstSeq, problem: null };
}

/**
 * Every chain (or these), checked, for operators' command (`npm run audit:verify`); the integrity page asks
 * lib/audit/queries.ts#verifyAuditLog, which authorizes first.
 */
export async function checkAuditChains(only?: string[]) {
  const [heads, chainless, pending] = await Promise.all([
    prisma.auditChain.findMany({ where: only ? { chain: { in: only } } : {}, orderBy: { chain: "asc" } }),
    // Sealed events whose chain has no head at all (the head row was deleted).
    // (Only the asked chains when some are named: retention checks one chain at a time.)
    prisma.$queryRaw<{ chain: string }[]>`
      SELECT DISTINCT e.chain FROM "admit"."audit_event" e
      WHERE e.seq IS NOT NULL AND (${only ?? null}::text[] IS NULL OR e.chain = ANY(${only ?? null}::text[]))
        AND NOT EXISTS (SELECT 1 FROM "admit"."audit_chain" c WHERE c.chain = e.chain)`,
    prisma.auditEvent.count({ where: { seq: null } }),
  ]);
  const all: [string, AuditChainRow | null][] = [...heads.map((h) => [h.chain, h] as [string, AuditChainRow]), ...chainless.map((c) => [c.chain, null] as [string, null])];
  const orgIds = all.map(([c]) => c).filter((c) => c.startsWith("org:")).map((c) => c.slice(4));
  const names = new Map((await prisma.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } })).map((o) => [`org:${o.id}`, o.name]));
  const chains: ChainReport[] = [];
  for (const [chain, head] of all) {
    const result = await checkChain(chain, head);
    chains.push({
      chain,
      label: chain === PLATFORM_CHAIN ? "Platform" : (names.get(chain) ?? `${chain.slice(4)} (deleted organization)`),
      // What the chain holds from its checkpoint to its head (all checked when it is intact).
      events: head ? head.seq - result.firstSeq + 1 : result.events,
      firstSeq: result.firstSeq,
      headSeq: head?.seq ?? 0,
      sealedAt: head?.sealedAt.toISOString() ?? null,
      pruned: head?.prunedCount ?? 0,
      prunedAt: head?.prunedAt?.toISOString() ?? null,
      problem: result.problem,
    });
  }
  chains.sort((a, b) => Number(!a.problem) - Number(!b.problem) || Number(b.chain === PLATFORM_CHAIN) - Number(a.chain === PLATFORM_CHAIN) || a.label.localeCompare(b.label));
  return { intact: chains.every((c) => !c.problem), chains, pending, checkedAt: new Date().toISOString() };
}
export type AuditVerification = Awaited<ReturnType<typeof checkAuditChains>>;
