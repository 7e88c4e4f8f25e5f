/**
 * `auth.api.addMembers`: people, new or existing, straight into an organization with a role (and team), on
 * behalf of a named person, no session: better-auth's `addMember` takes existing users only, one at a time.
 *
 * Checks once (ADDER_NOT_FOUND, ADDER_BANNED, ORGANIZATION_NOT_FOUND, ADDER_NOT_ALLOWED: `member: ["create"]`
 * through the organization or admin plugin, as for createInvitations), then per person, skipped with a
 * reason: the invitation rules (address, listed once, role, owner rule, team), `banned`, `already_member`,
 * `no_account` (a new address with `createUsers: false`), `membership_limit`, `seat_limit` (members plus
 * pending invitations, `seats`; a person whose pending invitation this supersedes needs no new seat). New people get a user with a
 * verified address and no password (sign them in with a link). Their pending invitations to the
 * organization are canceled (superseded). Everything commits together. The organization plugin's
 * `beforeAddMember` runs for each member inside the transaction (its data is not merged), `afterAddMember`
 * after the commit; better-auth's `databaseHooks.user.create` do not run for the users made here.
 */
import type { AuthContext } from "better-auth";
import { acting, isBanned, knownRoles, limit, seatsOf, teamIds, type Ctx, type SeatLimit } from "../acting.ts";
import { checkInvitee, type Invitee, type InviteSkipReason } from "../invitations/rules.ts";
import { bulkFor, type PostgresBulk, type Query } from "../invitations/store.ts";
import { adapterMemberStore, sqlMemberStore, type MemberStore, type NewMember, type NewUser } from "./store.ts";

export interface AddMembersInput {
  addedById: string;
  organizationId: string;
  people: (Invitee & { name?: string })[];
  /** Make accounts for addresses that have none (the default); with `false` they are skipped as `no_account`. */
  createUsers?: boolean;
}

export type AddSkipReason = InviteSkipReason | "banned" | "no_account";

export interface AddOutcome {
  email: string;
  status: "added" | "skipped";
  reason?: AddSkipReason;
  role?: string;
  teamId?: string | null;
  userId?: string;
  memberId?: string;
  createdUser?: boolean;
}

export interface AddMembersResult {
  outcomes: AddOutcome[];
  /** Pending invitations canceled because their person is now a member. */
  superseded: { id: string; email: string }[];
  counts: { added: number; createdUsers: number; skipped: number };
}

export interface AddMembersConfig {
  platformRoles?: string[];
  bulk?: PostgresBulk | false;
  lockKey?: (organizationId: string) => string;
  /** Seats per organization (acting.ts#SeatLimit), as for createInvitations. */
  seats?: SeatLimit;
  /** Inside the transaction, after the writes: record them (an audit log); throwing rolls everything back. */
  beforeCommit?: (written: { organizationId: string; outcomes: AddOutcome[]; superseded: { id: string; email: string }[]; query?: Query }) => Promise<void>;
}

export async function addMembers(ctx: Ctx, input: AddMembersInput, config: AddMembersConfig = {}): Promise<AddMembersResult> {
  const { context } = ctx;
  const { user: adder, organization, orgOptions, creatorRole, mayGiveCreatorRole, newUserDefaults } = await acting(ctx, {
    userId: input.addedById,
    organizationId: input.organizationId,
    permission: { member: ["create"] },
    platformRoles: config.platformRoles,
    codes: { notFound: "ADDER_NOT_FOUND", banned: "ADDER_BANNED", notAllowed: "ADDER_NOT_ALLOWED" },
  });
  const rules = {
    roles: await knownRoles(context, orgOptions, organization.id, input.people.map((p) => p.role)),
    creatorRole,
    mayGiveCreatorRole,
    teamIds: await teamIds(context, orgOptions, organization.id, input.people.map((p) => p.teamId)),
  };
  const outcomes: AddOutcome[] = [];
  const wanted = new Map<string, { index: number; name: string }>();
  for (const person of input.people) {
    const checked = checkInvitee(person, { ...rules, alreadyListed: (email) => wanted.has(email) });
    if (checked.failure) outcomes.push({ email: checked.email, status: "skipped", reason: checked.failure });
    else {
      wanted.set(checked.email, { index: outcomes.length, name: person.name?.trim().slice(0, 200) ?? "" });
      outcomes.push({ email: checked.email, status: "added", role: checked.role, teamId: checked.teamId });
    }
  }
  const members = await limit(orgOptions.membershipLimit, 100, adder, organization);
  const seats = await seatsOf(config.seats, organization);
  let superseded: { id: string; email: string }[] = [];
  const write = async (store: MemberStore, query?: Query) => {
    const before = orgOptions.organizationHooks?.beforeAddMember;
    superseded = await writeMembers(context, store, {
      organizationId: organization.id,
      outcomes,
      wanted,
      members,
      seats,
      createUsers: input.createUsers !== false,
      newUserDefaults,
      beforeInsert: before && ((m) => before({ member: { userId: m.userId, organizationId: m.organizationId, role: m.role }, user: { id: m.userId }, organization })),
    });
    await config.beforeCommit?.({ organizationId: organization.id, outcomes, superseded, query });
  };
  const bulk = bulkFor(context, config.bulk);
  const ids = (model: "user" | "member" | "teamMember") => context.generateId({ model });
  if (wanted.size && bulk && ids("member")) await bulk.transaction((query) => write(sqlMemberStore(query, context.tables, config.lockKey), query));
  else if (wanted.size) await context.adapter.transaction((trx) => write(adapterMemberStore(trx, context.tables)));
  const added = outcomes.filter((o) => o.status === "added");
  const after = orgOptions.organizationHooks?.afterAddMember;
  if (after) for (const o of added) await after({ member: { id: o.memberId, userId: o.userId, organizationId: organization.id, role: o.role }, user: { id: o.userId, email: o.email }, organization });
  return { outcomes, superseded, counts: { added: added.length, createdUsers: added.filter((o) => o.createdUser).length, skipped: outcomes.length - added.length } };
}

async function writeMembers(
  context: AuthContext,
  store: MemberStore,
  call: {
    organizationId: string;
    outcomes: AddOutcome[];
    wanted: Map<string, { index: number; name: string }>;
    members: number;
    seats: number | null;
    createUsers: boolean;
    newUserDefaults?: NewUser["defaults"];
    beforeInsert?: (member: NewMember) => Promise<unknown>;
  },
) {
  const { organizationId, outcomes, wanted } = call;
  await store.lock(organizationId);
  const users = await store.users([...wanted.keys()]);
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));
  const already = await store.members(organizationId, users.map((u) => String(u.id)));
  const memberCount = await store.memberCount(organizationId);
  let room = call.members - memberCount;
  const now = new Date();
  let seatsLeft = Infinity;
  let holders = new Set<string>();
  if (call.seats !== null) {
    await store.lockSeats(organizationId);
    const pending = await store.pendingSeats(organizationId, [...wanted.keys()], now);
    seatsLeft = call.seats - memberCount - pending.count;
    holders = pending.holders;
  }
  const id = (model: "user" | "member" | "teamMember") => context.generateId({ model }) || crypto.randomUUID();
  const newUsers: NewUser[] = [];
  const rows: NewMember[] = [];
  const addedEmails: string[] = [];
  for (const [email, w] of wanted) {
    const user = byEmail.get(email);
    const out = outcomes[w.index];
    const skip = (reason: AddSkipReason) => Object.assign(out, { status: "skipped", reason, role: undefined, teamId: undefined });
    if (user && isBanned(user, now)) skip("banned");
    else if (user && already.has(String(user.id))) Object.assign(skip("already_member"), { userId: String(user.id) });
    else if (!user && !call.createUsers) skip("no_account");
    else if (room <= 0) skip("membership_limit");
    else if (!holders.has(email) && seatsLeft <= 0) skip("seat_limit");
    else {
      room--;
      if (!holders.has(email)) seatsLeft--;
      const fresh = user ? null : { id: id("user"), email, name: w.name, createdAt: now, defaults: call.newUserDefaults };
      if (fresh) newUsers.push(fresh);
      const member: NewMember = { id: id("member"), organizationId, userId: user ? String(user.id) : fresh!.id, role: out.role!, teamId: out.teamId ?? null, createdAt: now };
      if (member.teamId) member.teamMemberId = id("teamMember");
      rows.push(member);
      addedEmails.push(email);
      Object.assign(out, { userId: member.userId, memberId: member.id, createdUser: !user });
    }
  }
  if (call.beforeInsert) for (const m of rows) await call.beforeInsert(m);
  await store.insertUsers(newUsers);
  await store.insertMembers(rows);
  return addedEmails.length ? store.supersede(organizationId, addedEmails) : [];
}
