export { admit, ADMIT_ERROR_CODES, MAX_INVITEES, type AdmitOptions } from "./admit.ts";
export type { CreateInvitationsInput, CreateInvitationsResult } from "./invitations/create-invitations.ts";
export type { Invitee, InviteOutcome, InviteSkipReason } from "./invitations/rules.ts";
export { pgPoolBulk, prismaBulk, type PostgresBulk } from "./invitations/store.ts";
export { admitLinkExchange, type AdmitLinkExchangeOptions } from "./link-exchange.ts";
