import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppSidebar, type NavItem } from "@/components/app-sidebar";
import { KeyboardShortcuts } from "@/components/keyboard-shortcuts";
import { env } from "@/lib/env";
import { can, type Permission } from "@/lib/permissions";
import { getCurrentActor } from "@/lib/session";

const NAV: (NavItem & { permission: Permission })[] = [
  { href: "/invitations", label: "Invitations", icon: "mail", permission: "invitation:read" },
  { href: "/organizations", label: "Organizations", icon: "building", permission: "organization:read" },
  { href: "/users", label: "Users", icon: "users", permission: "user:read" },
  { href: "/campaigns", label: "Campaigns", icon: "send", permission: "campaign:read" },
  { href: "/sign-in-links", label: "Sign-in links", icon: "link", permission: "signInLink:read" },
  { href: "/audit", label: "Audit log", icon: "scroll", permission: "audit:read" },
  { href: "/suppressions", label: "Suppressions", icon: "mailX", permission: "suppression:read" },
  { href: "/api-keys", label: "API keys", icon: "key", permission: "apiKey:create" },
  { href: "/webhooks", label: "Webhooks", icon: "webhook", permission: "webhook:manage" },
];

/** The console shell. Its redirects are convenience only: every page query and action checks again. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await getCurrentActor();
  if (!actor) redirect("/sign-in");
  // People without console access (invitees, members) go to the welcome page (and on to APP_HOME_URL), not a 403.
  if (!(await can(actor, "console:access"))) redirect("/welcome");

  const allowed = await Promise.all(NAV.map((item) => can(actor, item.permission)));
  const nav: NavItem[] = NAV.filter((_, i) => allowed[i]).map(({ href, label, icon }) => ({ href, label, icon }));
  if (env.devTools) nav.push({ href: "/dev/outbox", label: "Dev outbox", icon: "inbox" });

  const names = actor.organizationNames ?? {};
  const roleLabel =
    actor.role === "admin" || actor.role === "support"
      ? actor.role === "admin" ? "Platform admin" : "Support"
      : Object.entries(actor.memberships)
          .filter(([, role]) => role.split(",").some((r) => r === "owner" || r === "admin"))
          .slice(0, 3)
          .map(([orgId, role]) => `${role.split(",").includes("owner") ? "Owner" : "Admin"} · ${names[orgId] ?? orgId}`)
          .join(", ");

  return (
    <div className="flex min-h-svh flex-col md:flex-row">
      <AppSidebar nav={nav} user={{ name: actor.name, email: actor.email, roleLabel }} />
      <KeyboardShortcuts />
      <div className="flex min-w-0 flex-1 flex-col">
        <main className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-6 p-4 sm:p-6 lg:p-8">{children}</main>
      </div>
    </div>
  );
}
