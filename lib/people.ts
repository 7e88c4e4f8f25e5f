/**
 * People, in one place: the address every form and file is held to, the checks every person in an invite,
 * add-members or campaign request gets, and one text for each reason a person is skipped, whichever path
 * skipped them (the credential policy's refusals included).
 */
import { checkInvitee } from "better-auth-admit";
import { z } from "zod";
import { ORG_ROLES, type OrgRole } from "@/lib/access";
import { CREDENTIAL_REFUSAL_TEXT, type CredentialRefusal } from "@/lib/credential-policy";

/** RFC 5321's limits: 64 characters before the @, 254 in all. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_EMAIL_LOCAL_PART = 64;

/** Every address Admit accepts, anywhere: trimmed, lowercased, valid, within RFC 5321's lengths. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email())
  .refine((e) => e.length <= MAX_EMAIL_LENGTH && e.indexOf("@") <= MAX_EMAIL_LOCAL_PART, "Too long for an email address (64 characters before the @, 254 in all).");

/** Why one person in a request to invite or add people is refused before the database is asked. */
export type PersonCheckFailure = "invalid_email" | "duplicate_in_request" | "unknown_role" | "owner_requires_owner" | "unknown_team";

const ORG_ROLE_SET = new Set<string>(ORG_ROLES);

/**
 * The checks every person in an invite, add-members or campaign request gets, in order: a valid address, not
 * listed twice, a known organization role, owners only from owners, a team of this organization. They are
 * better-auth-admit's (`checkInvitee`), the rules the invitations themselves are made with; roles from
 * forms and files are matched without case.
 */
export function checkPerson(
  person: { email: string; role?: string; teamId?: string },
  rules: { alreadyListed: (email: string) => boolean; mayManageOwners: boolean; teamIds: Set<string> },
): { email: string; role: OrgRole; teamId: string | null; failure?: undefined } | { email: string; failure: PersonCheckFailure } {
  const checked = checkInvitee(
    { email: person.email, role: (person.role ?? "member").trim().toLowerCase(), teamId: person.teamId },
    { roles: ORG_ROLE_SET, creatorRole: "owner", mayGiveCreatorRole: rules.mayManageOwners, teamIds: rules.teamIds, alreadyListed: rules.alreadyListed },
  );
  if (checked.failure) return { email: checked.email, failure: checked.failure as PersonCheckFailure };
  return { email: checked.email, role: checked.role as OrgRole, teamId: checked.teamId };
}

/** A person who would need a seat none is left for (lib/organizations/seats.ts). */
export const SEAT_LIMIT_TEXT = "The organization has no seat left (members and pending invitations count)";

/** Every reason a person in a request is not invited, added or sent a link. */
export type PersonSkipReason =
  | PersonCheckFailure
  | "already_member"
  | "already_invited"
  | "no_account"
  | "invitation_limit"
  | "membership_limit"
  | "seat_limit"
  | CredentialRefusal;

export const PERSON_SKIP_TEXT: Record<PersonSkipReason, string> = {
  invalid_email: "Not a valid email address",
  duplicate_in_request: "Listed more than once",
  unknown_role: "No such role",
  owner_requires_owner: "Only an owner can make someone an owner",
  unknown_team: "No such team in this organization",
  already_member: "Already a member of the organization",
  already_invited: "Already invited (pending)",
  no_account: "No account with this email",
  invitation_limit: "The organization has reached its limit of pending invitations",
  membership_limit: "The organization has reached its member limit",
  seat_limit: SEAT_LIMIT_TEXT,
  ...CREDENTIAL_REFUSAL_TEXT,
};

