export { admit, ADMIT_ERROR_CODES, MAX_INVITEES, type AdmitOptions } from "./admit.ts";
export { createInvitations, type CreateInvitationsConfig, type CreateInvitationsInput, type CreateInvitationsResult } from "./invitations/create-invitations.ts";
export { checkInvitee, normalizeEmail, parseRoleList, type Invitee, type InviteOutcome, type InviteSkipReason, type PersonCheck, type PersonRules } from "./invitations/rules.ts";
export { pgPoolBulk, prismaBulk, type PostgresBulk, type Query } from "./invitations/store.ts";
export { admitLinkExchange, type AdmitLinkExchangeOptions } from "./link-exchange.ts";
export { addMembers, type AddMembersConfig, type AddMembersInput, type AddMembersResult, type AddOutcome, type AddSkipReason } from "./members/add-members.ts";
export { teamMembershipKey } from "./members/store.ts";
export { hashToken, issueSignInLinks, revokeSignInLinks, type IssueSignInLinksInput, type LinkOutcome, type LinkSkipReason, type SignInLinkOptions } from "./links/sign-in-links.ts";
export { admitSignInLinks, type AdmitSignInLinksOptions } from "./links/plugin.ts";
