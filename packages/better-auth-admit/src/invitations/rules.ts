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
  | "membership_limit";

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

/** Every person in request order with an outcome, and a map from each wanted address to its index. */
export function checkInvitees(invitees: Invitee[], rules: PersonRules) {
  const outcomes: InviteOutcome[] = [];
  const wanted = new Map<string, number>();
  for (const invitee of invitees) {
    const email = normalizeEmail(invitee.email);
    const shown = email ?? invitee.email.trim().toLowerCase().slice(0, MAX_EMAIL);
    const skip = (reason: InviteSkipReason) => outcomes.push({ email: shown, status: "skipped", reason });
    const roles = invitee.role === undefined ? ["member"] : parseRoleList(invitee.role);
    const teamId = invitee.teamId?.trim() || null;
    if (!email) skip("invalid_email");
    else if (wanted.has(email)) skip("duplicate_in_request");
    else if (roles.length === 0 || roles.some((r) => !rules.roles.has(r))) skip("unknown_role");
    else if (roles.includes(rules.creatorRole) && !rules.mayGiveCreatorRole) skip("owner_requires_owner");
    else if (teamId && (teamId.includes(",") || !rules.teamIds.has(teamId))) skip("unknown_team");
    else {
      wanted.set(email, outcomes.length);
      outcomes.push({ email, status: "created", role: roles.join(","), teamId });
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
