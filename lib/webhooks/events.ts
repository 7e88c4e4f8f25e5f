/**
 * The events Admit posts to webhook endpoints, and which audited change each one reports. Every change Admit
 * makes is audited in its transaction (lib/audit/record.ts); the audit writer emits the matching event in that
 * same transaction (./emit.ts), so an event exists exactly when its change committed. Three events have no
 * audited change behind them and are emitted where they happen: `invitation.expired` (./expiry.ts),
 * `campaign.completed` (lib/campaigns/send-campaign.ts) and `email.*` (lib/campaigns/webhooks.ts).
 */
export const WEBHOOK_EVENTS = [
  "invitation.created",
  "invitation.refreshed",
  "invitation.revoked",
  "invitation.accepted",
  "invitation.rejected",
  "invitation.expired",
  "member.added",
  "member.role_changed",
  "member.removed",
  "sign_in_link.issued",
  "sign_in_link.used",
  "sign_in_link.revoked",
  "impersonation.started",
  "impersonation.stopped",
  "campaign.started",
  "campaign.paused",
  "campaign.resumed",
  "campaign.canceled",
  "campaign.completed",
  "email.delivered",
  "email.bounced",
  "email.complained",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Audit action → the event it is announced as. Actions not listed (user.*, apiKey.*, webhook.*) are not announced. */
export const AUDIT_EVENTS: Readonly<Record<string, WebhookEventType>> = {
  "invitation.created": "invitation.created",
  "invitation.refreshed": "invitation.refreshed",
  "invitation.resent": "invitation.refreshed",
  "invitation.revoked": "invitation.revoked",
  "invitation.accepted": "invitation.accepted",
  "invitation.rejected": "invitation.rejected",
  "member.added": "member.added",
  "member.role_changed": "member.role_changed",
  "member.removed": "member.removed",
  "signInLink.issued": "sign_in_link.issued",
  "signInLink.impersonation_issued": "sign_in_link.issued",
  "signInLink.used": "sign_in_link.used",
  "signInLink.revoked": "sign_in_link.revoked",
  "signInLink.use_refused": "sign_in_link.revoked",
  "signInLink.impersonation_started": "impersonation.started",
  "user.impersonated": "impersonation.started",
  "user.impersonation_stopped": "impersonation.stopped",
  "campaign.created": "campaign.started",
  "campaign.pause": "campaign.paused",
  "campaign.resume": "campaign.resumed",
  "campaign.retry-failed": "campaign.resumed",
  "campaign.cancel": "campaign.canceled",
};

export const EVENT_TEXT: Record<WebhookEventType, string> = {
  "invitation.created": "An invitation was created",
  "invitation.refreshed": "A pending invitation was renewed or resent",
  "invitation.revoked": "An invitation was revoked",
  "invitation.accepted": "An invitation was accepted",
  "invitation.rejected": "An invitation was declined",
  "invitation.expired": "An invitation expired unanswered",
  "member.added": "Someone was added to an organization",
  "member.role_changed": "A member's role changed",
  "member.removed": "A member was removed",
  "sign_in_link.issued": "A sign-in link was issued",
  "sign_in_link.used": "A sign-in link was used",
  "sign_in_link.revoked": "A sign-in link was revoked",
  "impersonation.started": "An admin started impersonating someone",
  "impersonation.stopped": "An impersonation ended",
  "campaign.started": "A campaign was started",
  "campaign.paused": "A campaign was paused",
  "campaign.resumed": "A campaign was resumed",
  "campaign.canceled": "A campaign was canceled",
  "campaign.completed": "A campaign finished sending",
  "email.delivered": "A campaign email was delivered",
  "email.bounced": "A campaign email bounced",
  "email.complained": "A recipient marked a campaign email as spam",
};
