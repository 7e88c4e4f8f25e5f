/**
 * Audit retention (AUDIT_RETENTION_DAYS): the worker prunes, every hour, each chain's events older than the
 * setting, from the start of the chain, and leaves a signed checkpoint — the last pruned event's place and
 * hash — so what remains still verifies from there. A chain that does not verify is never pruned (that would
 * erase the evidence); the refusal is logged and audited. Each prune is one transaction with its audit event.
 */
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { recordAudit } from "./record";
import { lockChains, sealAuditLog, signCheckpoint } from "./chain";
import { checkAuditChains } from "./verify";

const DAY = 86_400_000;

export interface PruneOutcome {
  chain: string;
  /** Events removed, through this place in the chain. */
  removed: number;
  throughSeq: number;
  refused?: string;
}

/** Prunes every chain (or only `chains`) to the last `days` days; what was removed, or refused, per chain. */
export async function pruneAuditLog({ days = env.auditRetentionDays, now = new Date(), chains }: { days?: number | null; now?: Date; chains?: string[] } = {}): Promise<PruneOutcome[]> {
  if (!days) return [];
  await sealAuditLog();
  const cutoff = new Date(now.getTime() - days * DAY);
  // Per chain, the last place before its first event inside the retention window (or its head, if none is).
  const due = await prisma.$queryRaw<{ chain: string; through: number; from: number }[]>`
    SELECT c.chain, coalesce(c."checkpointSeq", 0) AS from,
           coalesce((SELECT min(e.seq) - 1 FROM "admit"."audit_event" e WHERE e.chain = c.chain AND e.seq IS NOT NULL AND e."createdAt" >= ${cutoff}), c.seq) AS through
    FROM "admit"."audit_chain" c WHERE ${chains ?? null}::text[] IS NULL OR c.chain = ANY(${chains ?? null}::text[])`;
  const outcomes: PruneOutcome[] = [];
  for (const { chain, through, from } of due.filter((d) => d.through > d.from)) {
    const report = (await checkAuditChains([chain])).chains[0];
    if (report?.problem) {
      logError("audit", `not pruning ${chain}: ${report.problem.reason}`);
      outcomes.push({ chain, removed: 0, throughSeq: from, refused: report.problem.reason });
      await prisma.$transaction((tx) => recordAudit(tx, { actor: null }, { action: "audit.prune-refused", metadata: { chain, reason: report.problem!.reason, seq: report.problem!.seq } }));
      continue;
    }
    outcomes.push(await pruneChain(chain, through, days));
  }
  return outcomes;
}

async function pruneChain(chain: string, through: number, days: number): Promise<PruneOutcome> {
  return prisma.$transaction(
    async (tx) => {
      await lockChains(tx);
      const head = await tx.auditChain.findUniqueOrThrow({ where: { chain } });
      const last = await tx.auditEvent.findUniqueOrThrow({ where: { chain_seq: { chain, seq: through } }, select: { hash: true } });
      const removed = await tx.auditEvent.deleteMany({ where: { chain, seq: { lte: through } } });
      const prunedCount = head.prunedCount + removed.count;
      await tx.auditChain.update({
        where: { chain },
        data: { checkpointSeq: through, checkpointHash: last.hash!, checkpointSignature: signCheckpoint(chain, through, last.hash!, prunedCount), prunedCount, prunedAt: new Date() },
      });
      await recordAudit(tx, { actor: null }, { action: "audit.pruned", metadata: { chain, throughSeq: through, events: removed.count, retentionDays: days } });
      return { chain, removed: removed.count, throughSeq: through };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
