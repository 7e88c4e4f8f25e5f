/**
 * The per-person rules of a bulk invitation, with no database: what better-auth's own `createInvitation`
 * checks for one person (a valid address, a role that exists, owners only from owners, a team of this
 * organization), plus what only a list has (the same person twice). Each person gets an outcome; the ones
 * still wanted go on to the database checks (already a member, already invited, the limits).
 */
import { z } from "zod";

/** RFC 5321: 64 characters before the @, 254 in all. */
const MAX_EMAIL = 254;
const MAX_LOCAL = 64;
const emailSchema = z.email();

export type InviteSkipReason =
  | "invalid_email"
  | "duplicate_in_request"
  | "unknown_role"
  | "owner_requires_owner"
  | "unknown_team"
  | "already_member"
  | "already_invited"
  | "invitation_limit"
  | "membership_limit"
  | "seat_limit";

export interface Invitee {
  email: string;
  /** One role, a comma-separated list or an array; "member" when absent. */
  role?: string | string[];
  teamId?: string;
}

export interface InviteOutcome {
  email: string;
  status: "created" | "refreshed" | "skipped";
  reason?: InviteSkipReason;
  role?: string;
  teamId?: string | null;
  invitationId?: string;
  expiresAt?: Date;
}

export interface PersonRules {
  /** Roles that exist in this organization (static and, with dynamic access control, its own). */
  roles: Set<string>;
  /** better-auth's `creatorRole` ("owner"): only its holders may give it. */
  creatorRole: string;
  mayGiveCreatorRole: boolean;
  teamIds: Set<string>;
}

/** Normalizes one address as better-auth stores it (trimmed, lowercased), or null when it is not one. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  if (email.length > MAX_EMAIL || email.indexOf("@") > MAX_LOCAL) return null;
  return emailSchema.safeParse(email).success ? email : null;
}

/** better-auth's role list: "admin, member" and ["admin", "member"] are the same two roles. */
export const parseRoleList = (role: string | string[] | null | undefined): string[] =>
  (Array.isArray(role) ? role : [role ?? ""]).flatMap((r) => r.split(",")).map((r) => r.trim()).filter(Boolean);

export type PersonCheck = { email: string; role: string; teamId: string | null; failure?: undefined } | { email: string; failure: InviteSkipReason };

/**
 * One person's checks, in order: a valid address, not listed before (`alreadyListed`), roles that exist,
 * `creatorRole` only from those who may give it, a team of this organization. Roles are kept as given
 * (better-auth's role names are case-sensitive), joined with commas when several.
 */
export function checkInvitee(invitee: Invitee, rules: PersonRules & { alreadyListed(email: string): boolean }): PersonCheck {
  const email = normalizeEmail(invitee.email);
  const shown = email ?? invitee.email.trim().toLowerCase().slice(0, MAX_EMAIL);
  const roles = invitee.role === undefined ? ["member"] : parseRoleList(invitee.role);
  const teamId = invitee.teamId?.trim() || null;
  if (!email) return { email: shown, failure: "invalid_email" };
  if (rules.alreadyListed(email)) return { email, failure: "duplicate_in_request" };
  if (roles.length === 0 || roles.some((r) => !rules.roles.has(r))) return { email, failure: "unknown_role" };
  if (roles.includes(rules.creatorRole) && !rules.mayGiveCreatorRole) return { email, failure: "owner_requires_owner" };
  if (teamId && (teamId.includes(",") || !rules.teamIds.has(teamId))) return { email, failure: "unknown_team" };
  return { email, role: roles.join(","), teamId };
}

/** Every person in request order with an outcome, and a map from each wanted address to its index. */
export function checkInvitees(invitees: Invitee[], rules: PersonRules) {
  const outcomes: InviteOutcome[] = [];
  const wanted = new Map<string, number>();
  for (const invitee of invitees) {
    const checked = checkInvitee(invitee, { ...rules, alreadyListed: (email) => wanted.has(email) });
    if (checked.failure) outcomes.push({ email: checked.email, status: "skipped", reason: checked.failure });
    else {
      wanted.set(checked.email, outcomes.length);
      outcomes.push({ email: checked.email, status: "created", role: checked.role, teamId: checked.teamId });
    }
  }
  return { outcomes, wanted };
}

/** Marks a wanted person skipped (a database check said no) and forgets them. */
export function skipWanted(outcomes: InviteOutcome[], wanted: Map<string, number>, email: string, reason: InviteSkipReason) {
  const index = wanted.get(email);
  if (index === undefined) return;
  outcomes[index] = { email, status: "skipped", reason };
  wanted.delete(email);
}

export function countOutcomes(outcomes: InviteOutcome[]) {
  const counts = { created: 0, refreshed: 0, skipped: 0 };
  for (const o of outcomes) counts[o.status]++;
  return counts;
}
