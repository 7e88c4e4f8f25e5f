/**
 * People, in one place: the address every form and file is held to, the checks every person in an invite,
 * add-members or campaign request gets, and one text for each reason a person is skipped, whichever path
 * skipped them (the credential policy's refusals included).
 */
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

/**
 * The checks every person in an invite or add-members request gets, in order: a valid address, not listed
 * twice, a known organization role, owners only from owners, a team of this organization.
 */
export function checkPerson(
  person: { email: string; role?: string; teamId?: string },
  rules: { alreadyListed: (email: string) => boolean; mayManageOwners: boolean; teamIds: Set<string> },
): { email: string; role: OrgRole; teamId: string | null; failure?: undefined } | { email: string; failure: PersonCheckFailure } {
  const parsed = emailSchema.safeParse(person.email);
  const email = parsed.success ? parsed.data : person.email.trim().toLowerCase();
  const role = (person.role ?? "member").trim().toLowerCase();
  if (!parsed.success) return { email, failure: "invalid_email" };
  if (rules.alreadyListed(email)) return { email, failure: "duplicate_in_request" };
  if (!(ORG_ROLES as string[]).includes(role)) return { email, failure: "unknown_role" };
  if (role === "owner" && !rules.mayManageOwners) return { email, failure: "owner_requires_owner" };
  if (person.teamId && !rules.teamIds.has(person.teamId)) return { email, failure: "unknown_team" };
  return { email, role: role as OrgRole, teamId: person.teamId || null };
}

/** Every reason a person in a request is not invited, added or sent a link. */
export type PersonSkipReason =
  | PersonCheckFailure
  | "already_member"
  | "already_invited"
  | "no_account"
  | "invitation_limit"
  | "membership_limit"
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
  ...CREDENTIAL_REFUSAL_TEXT,
};

