export { admit, ADMIT_ERROR_CODES, MAX_INVITEES, type AdmitOptions } from "./admit";
export type { CreateInvitationsInput, CreateInvitationsResult } from "./invitations/create-invitations";
export type { Invitee, InviteOutcome, InviteSkipReason } from "./invitations/rules";
export { pgPoolBulk, prismaBulk, type PostgresBulk } from "./invitations/store";
export { admitLinkExchange, type AdmitLinkExchangeOptions } from "./link-exchange";
