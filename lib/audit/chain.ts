/**
 * Tamper evidence for the audit log. Every event joins a chain — its organization's, or the platform's for
 * events outside one — with a place (`seq`, 1, 2, …) and the SHA-256 of the previous event and of itself over
 * its every field (RFC 8785 canonical JSON, so anyone can recompute it from an NDJSON export). Each chain's
 * head (place and hash) is signed with a key derived from the server secret: a chain rewritten from some
 * event on, with every hash recomputed, no longer matches its signed head without that secret.
 *
 * Events are sealed after they commit, not while they are written: the worker seals what committed since its
 * last pass, in commit-visible order, one sealer at a time (an advisory lock). So writers never wait on one
 * another for the chain, and every path that writes an event (Admit's functions, better-auth's hooks, the bulk
 * insert) is chained alike. Until it is sealed (about a second with the worker running) an event is "pending".
 */
import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import canonicalize from "canonicalize";
import { lockFor, prisma, type Prisma, type Tx } from "@/lib/db";
import { env } from "@/lib/env";

export const PLATFORM_CHAIN = "platform";

/** The chain an event belongs to: its organization's, or the platform's. */
export function chainOf(organizationId: string | null | undefined) {
  return organizationId ? `org:${organizationId}` : PLATFORM_CHAIN;
}

/** The fields an event's hash covers: all of them, as stored (the export writes the same). */
export interface ChainedEvent {
  id: string;
  createdAt: Date | string;
  chain: string | null;
  seq: number | null;
  prevHash: string | null;
  actorId: string | null;
  actorEmail: string | null;
  impersonatorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  organizationId: string | null;
  metadata: unknown;
  ipAddress: string | null;
  userAgent: string | null;
  apiKeyId: string | null;
}

/** SHA-256 (hex) of the event's canonical JSON. Times count to the millisecond, as the export writes them. */
export function eventHash(e: ChainedEvent): string {
  const body = canonicalize({
    v: 1,
    id: e.id,
    createdAt: new Date(e.createdAt).toISOString(),
    chain: e.chain,
    seq: e.seq,
    prevHash: e.prevHash,
    actorId: e.actorId,
    actorEmail: e.actorEmail,
    impersonatorId: e.impersonatorId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    targetLabel: e.targetLabel,
    organizationId: e.organizationId,
    metadata: e.metadata ?? {},
    ipAddress: e.ipAddress,
    userAgent: e.userAgent,
    apiKeyId: e.apiKeyId,
  });
  return createHash("sha256").update(body!).digest("hex");
}

let signingKey: { secret: string; key: Buffer } | null = null;

/** HMAC-SHA256 under a key derived from the server secret, for this purpose only. */
function mac(message: string) {
  const secret = env.authSecret;
  if (signingKey?.secret !== secret) signingKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "admit", "audit chain signatures v1", 32)) };
  return createHmac("sha256", signingKey.key).update(message).digest("hex");
}

const headMessage = (chain: string, seq: number, hash: string) => `head\n${chain}\n${seq}\n${hash}`;
const checkpointMessage = (chain: string, seq: number, hash: string, pruned: number) => `checkpoint\n${chain}\n${seq}\n${hash}\n${pruned}`;

export const signHead = (chain: string, seq: number, hash: string) => mac(headMessage(chain, seq, hash));
export const signCheckpoint = (chain: string, seq: number, hash: string, pruned: number) => mac(checkpointMessage(chain, seq, hash, pruned));

function sameHex(a: string, b: string) {
  const [x, y] = [Buffer.from(a, "hex"), Buffer.from(b, "hex")];
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
export const headSigned = (h: { chain: string; seq: number; hash: string; signature: string }) => sameHex(h.signature, signHead(h.chain, h.seq, h.hash));
export const checkpointSigned = (h: { chain: string; checkpointSeq: number; checkpointHash: string; checkpointSignature: string; prunedCount: number }) =>
  sameHex(h.checkpointSignature, signCheckpoint(h.chain, h.checkpointSeq, h.checkpointHash, h.prunedCount));

/** The one lock sealing and pruning take, so a chain only ever grows (or is pruned) by one writer at a time. */
export const lockChains = (tx: Tx) => lockFor(tx, "admit:audit-chain");

/**
 * Seal every committed event not sealed yet, oldest first, `batch` per transaction; returns how many.
 * Cheap when there is nothing to do (one indexed read), so the worker calls it every poll.
 */
export async function sealAuditLog({ batch = 5000 } = {}): Promise<number> {
  let total = 0;
  while (await prisma.auditEvent.findFirst({ where: { seq: null }, select: { id: true } })) {
    const sealed = await prisma.$transaction((tx) => sealBatch(tx, batch), { timeout: 60_000, maxWait: 30_000 });
    total += sealed;
    if (sealed < batch) break;
  }
  return total;
}

async function sealBatch(tx: Tx, batch: number) {
  await lockChains(tx);
  const events = await tx.auditEvent.findMany({ where: { seq: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: batch });
  if (!events.length) return 0;
  const chains = [...new Set(events.map((e) => chainOf(e.organizationId)))];
  const heads = new Map<string, { seq: number; hash: string | null }>();
  for (const h of await tx.auditChain.findMany({ where: { chain: { in: chains } }, select: { chain: true, seq: true, hash: true } })) heads.set(h.chain, h);
  const out = { id: [] as string[], chain: [] as string[], seq: [] as number[], prev: [] as (string | null)[], hash: [] as string[] };
  for (const e of events) {
    const chain = chainOf(e.organizationId);
    const head = heads.get(chain) ?? { seq: 0, hash: null };
    const sealed = { ...e, chain, seq: head.seq + 1, prevHash: head.hash };
    const hash = eventHash(sealed);
    heads.set(chain, { seq: sealed.seq, hash });
    out.id.push(e.id);
    out.chain.push(chain);
    out.seq.push(sealed.seq);
    out.prev.push(head.hash);
    out.hash.push(hash);
  }
  await tx.$executeRaw`
    UPDATE "admit"."audit_event" e SET chain = u.chain, seq = u.seq, "prevHash" = u.prev, hash = u.hash
    FROM unnest(${out.id}::text[], ${out.chain}::text[], ${out.seq}::int[], ${out.prev}::text[], ${out.hash}::text[]) AS u(id, chain, seq, prev, hash)
    WHERE e.id = u.id`;
  const tip = chains.map((chain) => ({ chain, ...(heads.get(chain) as { seq: number; hash: string }) }));
  await tx.$executeRaw`
    INSERT INTO "admit"."audit_chain" (chain, seq, hash, signature, "sealedAt")
    SELECT h.chain, h.seq, h.hash, h.signature, now()
    FROM unnest(${chains}::text[], ${tip.map((h) => h.seq)}::int[], ${tip.map((h) => h.hash)}::text[], ${tip.map((h) => signHead(h.chain, h.seq, h.hash))}::text[]) AS h(chain, seq, hash, signature)
    ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, signature = excluded.signature, "sealedAt" = excluded."sealedAt"`;
  return events.length;
}

export type AuditChainRow = Prisma.AuditChainGetPayload<object>;
