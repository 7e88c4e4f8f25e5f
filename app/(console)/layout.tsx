import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppSidebar } from "@/components/app-sidebar";
import { CONSOLE_PAGES, type ConsolePage } from "@/components/console-pages";
import { KeyboardShortcuts } from "@/components/keyboard-shortcuts";
import { env } from "@/lib/env";
import { can } from "@/lib/permissions";
import { getCurrentActor } from "@/lib/session";

/** The console shell. Its redirects are convenience only: every page query and action checks again. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await getCurrentActor();
  if (!actor) redirect("/sign-in");
  // People without console access (invitees, members) go to the welcome page (and on to APP_HOME_URL), not a 403.
  if (!(await can(actor, "console:access"))) redirect("/welcome");

  const pages = Object.entries(CONSOLE_PAGES) as [ConsolePage, (typeof CONSOLE_PAGES)[ConsolePage]][];
  const allowed = await Promise.all(pages.map(([, page]) => (page.permission === "devTools" ? env.devTools : can(actor, page.permission))));
  const nav = pages.filter((_, i) => allowed[i]).map(([key]) => key);

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
