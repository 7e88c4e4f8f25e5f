import { Building2, Inbox, KeyRound, Link2, Mail, MailX, ScrollText, Send, Users, Webhook } from "lucide";
import type { IconNode } from "lucide";
import type { Permission } from "@/lib/permissions";

/**
 * The console's pages in the sidebar: the layout (app/(console)/layout.tsx) keeps those the actor's permission
 * allows and hands the sidebar their keys; the sidebar draws them from here, so the labels and icons are not in
 * every page's RSC payload. The dev outbox is listed only when dev tools run (lib/env.ts).
 */
export const CONSOLE_PAGES = {
  invitations: { href: "/invitations", label: "Invitations", icon: Mail, permission: "invitation:read" },
  organizations: { href: "/organizations", label: "Organizations", icon: Building2, permission: "organization:read" },
  users: { href: "/users", label: "Users", icon: Users, permission: "user:read" },
  campaigns: { href: "/campaigns", label: "Campaigns", icon: Send, permission: "campaign:read" },
  signInLinks: { href: "/sign-in-links", label: "Sign-in links", icon: Link2, permission: "signInLink:read" },
  audit: { href: "/audit", label: "Audit log", icon: ScrollText, permission: "audit:read" },
  suppressions: { href: "/suppressions", label: "Suppressions", icon: MailX, permission: "suppression:read" },
  apiKeys: { href: "/api-keys", label: "API keys", icon: KeyRound, permission: "apiKey:create" },
  webhooks: { href: "/webhooks", label: "Webhooks", icon: Webhook, permission: "webhook:manage" },
  devOutbox: { href: "/dev/outbox", label: "Dev outbox", icon: Inbox, permission: "devTools" },
} satisfies Record<string, { href: string; label: string; icon: IconNode; permission: Permission | "devTools" }>;

export type ConsolePage = keyof typeof CONSOLE_PAGES;
