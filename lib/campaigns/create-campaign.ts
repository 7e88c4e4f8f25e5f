/**
 * From an uploaded CSV to a queued campaign, in two steps, with the file crossing the network once:
 *
 *   previewCampaign(ctx, settings, file)  parses the file once, checks every row, keeps the parsed records
 *                                         as a draft (a day) and returns the checked rows with the draft id;
 *   createCampaign(ctx, settings, draftId) checks the draft's rows again against the database as it is now
 *                                         (the same `checkRows`), writes the campaign and its valid
 *                                         recipients in one transaction, and enqueues the sending job.
 *
 * `checkRows` makes every check the sender will make (lib/campaigns/send-campaign.ts), so nothing the
 * preview accepted is skipped later for a reason it could have known: the address, duplicates, the role
 * and the owner rule, the team, membership and pending invitations, and the credential policy
 * (lib/credential-policy.ts) for the link each person gets.
 */
import { suppressedAmong } from "@/lib/email/suppression";
import { randomUUID } from "node:crypto";
import { recordAudit, type ActorContext } from "@/lib/audit/record";
import { credentialRefusal } from "@/lib/credential-policy";
import { prisma, type Prisma } from "@/lib/db";
import { AppError, ForbiddenError, NotFoundError, UnauthorizedError } from "@/lib/errors";
import { checkPerson, type PersonCheckFailure } from "@/lib/people";
import { enqueueCampaign } from "@/lib/jobs/queue";
import { authorize, mayManageOwners, type Actor } from "@/lib/permissions";
import { MAX_CSV_ROWS, parseCampaignCsv, type CsvRecord } from "./csv";
import { campaignSettingsSchema, type CampaignSettings, type RowOutcome } from "./schema";

export interface CheckedRow {
  line: number;
  email: string;
  name?: string;
  role: string;
  teamId: string | null;
  team?: string;
  fields: Record<string, string>;
  outcome: RowOutcome;
  /** A valid row whose link opens the invitation page instead of signing in (accounts with a platform role). */
  invitationPageOnly?: boolean;
}

const DRAFT_HOURS = 24;

const FAILURE_OUTCOME: Record<PersonCheckFailure, RowOutcome> = {
  invalid_email: "invalid_email",
  duplicate_in_request: "duplicate",
  unknown_role: "unknown_role",
  owner_requires_owner: "owner_requires_owner",
  unknown_team: "unknown_team",
};

export async function checkRows(actor: Actor, settings: CampaignSettings, records: CsvRecord[]): Promise<CheckedRow[]> {
  const { organizationId, kind } = settings;
  const [teams, ownersAllowed] = await Promise.all([
    prisma.team.findMany({ where: { organizationId }, select: { id: true, name: true } }),
    mayManageOwners(actor, organizationId),
  ]);
  const teamByName = new Map(teams.map((t) => [t.name.toLowerCase(), t.id]));
  const teamIds = new Set(teams.map((t) => t.id));
  const seen = new Set<string>();
  const alreadyListed = (email: string) => seen.has(email) || (seen.add(email), false);
  const rows: CheckedRow[] = records.map((r) => {
    // A team column names a team (or gives its id); one that matches nothing is an unknown team.
    const teamId = r.team ? (teamByName.get(r.team.toLowerCase()) ?? r.team) : settings.teamId || undefined;
    const checked = checkPerson({ email: r.email, role: r.role ?? settings.role, teamId }, { alreadyListed, mayManageOwners: ownersAllowed, teamIds });
    const base = { line: r.line, email: checked.email || r.email, name: r.name, role: (r.role ?? settings.role).toLowerCase(), teamId: checked.failure ? null : checked.teamId, team: r.team, fields: r.fields };
    return { ...base, outcome: checked.failure ? FAILURE_OUTCOME[checked.failure] : "valid" };
  });
  const candidates = rows.filter((r) => r.outcome === "valid").map((r) => r.email);
  const [members, invited, users, suppressed] = await Promise.all([
    prisma.$queryRaw<{ email: string }[]>`SELECT u.email FROM "member" m JOIN "user" u ON u.id = m."userId" WHERE m."organizationId" = ${organizationId} AND u.email = ANY(${candidates}::text[])`,
    prisma.$queryRaw<{ email: string }[]>`SELECT email FROM "invitation" WHERE "organizationId" = ${organizationId} AND status = 'pending' AND "expiresAt" > now() AND email = ANY(${candidates}::text[])`,
    prisma.$queryRaw<{ id: string; email: string; role: string | null; banned: boolean | null; banExpires: Date | null }[]>`
      SELECT id, email, role, banned, "banExpires" FROM "user" WHERE email = ANY(${candidates}::text[])`,
    suppressedAmong(candidates),
  ]);
  const memberSet = new Set(members.map((m) => m.email));
  const invitedSet = new Set(invited.map((i) => i.email));
  const userByEmail = new Map(users.map((u) => [u.email, u]));
  for (const row of rows) {
    if (row.outcome !== "valid") continue;
    if (suppressed.has(row.email)) {
      row.outcome = "suppressed";
      continue;
    }
    const user = userByEmail.get(row.email);
    if (kind === "invitation") {
      if (memberSet.has(row.email)) row.outcome = "already_member";
      else if (invitedSet.has(row.email)) row.outcome = "already_invited";
      else if (user) {
        // Everyone invited gets the invitation; whether its link also signs them in is the policy's call.
        const refusal = credentialRefusal(actor, user, "emailed");
        if (refusal === "banned") row.outcome = "banned";
        else if (refusal) row.invitationPageOnly = true;
      }
    } else if (!user) row.outcome = "no_account";
    else {
      const refusal = credentialRefusal(actor, user, "sign-in");
      if (refusal === "banned" || refusal === "privileged_target") row.outcome = refusal;
      else if (refusal) row.outcome = "not_allowed";
    }
  }
  return rows;
}

async function authorizeCampaign(ctx: ActorContext, settings: CampaignSettings) {
  if (!ctx.actor) throw new UnauthorizedError();
  const org = await prisma.organization.findUnique({ where: { id: settings.organizationId }, select: { id: true, name: true } });
  if (!org) throw new NotFoundError("Organization not found.");
  await authorize(ctx.actor, "campaign:create", { organizationId: org.id });
  if (settings.kind === "sign-in") await authorize(ctx.actor, "signInLink:create");
  return { org, actor: ctx.actor };
}

/** Check an upload and keep it as a draft to start from; writes nothing else. */
export async function previewCampaign(ctx: ActorContext, rawSettings: CampaignSettings, file: Uint8Array) {
  const settings = campaignSettingsSchema.parse(rawSettings);
  const { actor } = await authorizeCampaign(ctx, settings);
  const { records, extraColumns } = parseCampaignCsv(file);
  const rows = await checkRows(actor, settings, records);
  const draftId = randomUUID();
  await prisma.$transaction([
    prisma.campaignDraft.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - DRAFT_HOURS * 3600_000) } } }),
    prisma.campaignDraft.create({ data: { id: draftId, createdById: actor.userId, records: records as unknown as Prisma.InputJsonValue, rowCount: records.length } }),
  ]);
  return { draftId, rows, extraColumns };
}

/**
 * Start a campaign from a checked upload (`{ draftId }`, the console), straight from a file's bytes (server
 * code, scripts, the HTTP API: parsed and checked here) or from rows already split into records (the HTTP
 * API's JSON rows: checked here the same way, with the file's row limit).
 */
export async function createCampaign(ctx: ActorContext, rawSettings: CampaignSettings, source: { draftId: string } | { records: CsvRecord[] } | Uint8Array) {
  const settings = campaignSettingsSchema.parse(rawSettings);
  const { org, actor } = await authorizeCampaign(ctx, settings);
  const draftId = source instanceof Uint8Array || !("draftId" in source) ? null : source.draftId;
  let records: CsvRecord[];
  if (draftId) {
    // A draft is its uploader's only: another person's id is "not found", not "forbidden".
    const draft = await prisma.campaignDraft.findFirst({ where: { id: draftId, createdById: actor.userId }, select: { records: true } });
    if (!draft) throw new AppError("This upload is no longer available (drafts are kept for a day). Check the file again.", 404, "not_found");
    records = draft.records as unknown as CsvRecord[];
  } else if (source instanceof Uint8Array) records = parseCampaignCsv(source).records;
  else if ("records" in source && source.records.length > 0 && source.records.length <= MAX_CSV_ROWS) records = source.records;
  else throw new AppError(`Give between 1 and ${MAX_CSV_ROWS.toLocaleString("en")} rows.`);
  const rows = await checkRows(actor, settings, records);
  const valid = rows.filter((r) => r.outcome === "valid");
  if (!valid.length) throw new ForbiddenError("No valid recipients in this file: nothing to send.");
  const id = randomUUID();
  await prisma.$transaction(
    async (tx) => {
      // Deleting the draft first makes starting it twice impossible: the second start finds nothing.
      const taken = draftId ? await tx.campaignDraft.deleteMany({ where: { id: draftId, createdById: actor.userId } }) : { count: 1 };
      if (!taken.count) throw new AppError("This upload was already started.", 409, "conflict");
      await tx.campaign.create({
        data: {
          id,
          organizationId: org.id,
          kind: settings.kind,
          name: settings.name,
          subject: settings.subject,
          message: settings.message,
          role: settings.role,
          teamId: settings.teamId || null,
          expiresIn: settings.expiresIn,
          reminderHours: settings.kind === "invitation" && settings.reminderHours ? settings.reminderHours : null,
          createdById: actor.userId,
          createdByEmail: actor.email,
          total: valid.length,
        },
      });
      // Batched multi-row inserts from arrays (50,000 rows stay a handful of statements).
      for (let start = 0; start < valid.length; start += 10_000) {
        const batch = valid.slice(start, start + 10_000);
        await tx.$executeRaw`
          INSERT INTO "admit"."campaign_recipient" (id, "campaignId", "row", email, name, role, "teamId", fields, status, attempts, "updatedAt")
          SELECT r.id, ${id}, r.row_number, r.email, r.name, r.role, r.team_id, r.fields::jsonb, 'pending', 0, now()
          FROM unnest(${batch.map(() => randomUUID())}::text[], ${batch.map((_, i) => start + i)}::int[], ${batch.map((r) => r.email)}::text[],
                      ${batch.map((r) => r.name ?? null)}::text[], ${batch.map((r) => r.role)}::text[], ${batch.map((r) => r.teamId)}::text[],
                      ${batch.map((r) => JSON.stringify(r.fields))}::text[])
            AS r(id, row_number, email, name, role, team_id, fields)`;
      }
      await recordAudit(tx, ctx, {
        action: "campaign.created",
        organizationId: org.id,
        target: { type: "campaign", id, label: settings.name },
        metadata: { kind: settings.kind, recipients: valid.length, skippedRows: rows.length - valid.length },
      });
    },
    { timeout: 120_000 },
  );
  await enqueueCampaign(id);
  return { id, recipients: valid.length, skipped: rows.length - valid.length };
}
