"use client";
import { ChevronsUpDown, Menu } from "lucide";
import { KeyboardIcon, LogOutIcon, MonitorIcon, MoonIcon, SunIcon } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTheme } from "next-themes";
import { useState } from "react";
import { CONSOLE_PAGES, type ConsolePage } from "@/components/console-pages";
import { Deferred } from "@/components/deferred";
import { OPEN_SHORTCUTS_EVENT } from "@/components/keyboard-shortcuts";
import { Button } from "@/components/ui/button";
import { Glyph } from "@/components/ui/glyph";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { authClient } from "@/lib/auth-client";
import { initials } from "@/lib/format";

type SidebarProps = { nav: ConsolePage[]; user: { name: string; email: string; roleLabel: string } };

function Brand() {
  return (
    <div className="flex h-14 items-center gap-2 px-4 font-semibold tracking-tight">
      <span className="flex size-7 items-center justify-center rounded-md bg-primary text-sm text-primary-foreground" aria-hidden>A</span>
      Admit
    </div>
  );
}

/** The console's navigation: a sidebar from 768 px up, a menu sheet on smaller screens. */
export function AppSidebar(props: SidebarProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <aside className="sticky top-0 hidden h-svh w-60 shrink-0 flex-col border-r bg-sidebar text-sidebar-foreground md:flex">
        <Brand />
        <SidebarBody {...props} />
      </aside>
      <header className="sticky top-0 z-30 flex h-14 items-center gap-1 border-b bg-background px-2 md:hidden">
        <Deferred
          popup="dialog"
          trigger={
            <Button variant="ghost" size="icon" aria-label="Open menu">
              <Glyph icon={Menu} />
            </Button>
          }
        >
          {(trigger) => (
            <Sheet open={open} onOpenChange={setOpen}>
              <SheetTrigger asChild>{trigger}</SheetTrigger>
              <SheetContent side="left" className="w-72 gap-0 bg-sidebar p-0 text-sidebar-foreground">
                <SheetTitle className="sr-only">Menu</SheetTitle>
                <SheetDescription className="sr-only">The console's pages and your account</SheetDescription>
                <Brand />
                <SidebarBody {...props} onNavigate={() => setOpen(false)} />
              </SheetContent>
            </Sheet>
          )}
        </Deferred>
        <span className="font-semibold tracking-tight">Admit</span>
      </header>
    </>
  );
}

function SidebarBody({ nav, user, onNavigate }: SidebarProps & { onNavigate?: () => void }) {
  const pathname = usePathname();
  const router = useRouter();
  const { setTheme } = useTheme();
  return (
    <>
      <nav aria-label="Console" className="flex-1 px-2 py-2">
        <ul className="flex flex-col gap-0.5">
          {nav.map((key) => {
            const item = CONSOLE_PAGES[key];
            const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  onClick={onNavigate}
                  aria-current={active ? "page" : undefined}
                  className="nav-link"
                >
                  <Glyph icon={item.icon} className="size-4" />
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="border-t p-2">
        <Deferred
          popup="menu"
          opensOn="press"
          trigger={
            // Styles: app/globals.css, .account-button (the sidebar is in every page's HTML).
            <button type="button" className="account-button" aria-label={`Account menu for ${user.email}`}>
              <span data-slot="initials" aria-hidden="true">
                {initials(user.name, user.email)}
              </span>
              <span className="grid min-w-0 flex-1 text-sm leading-tight">
                <span className="truncate font-medium" data-testid="signed-in-email">{user.email}</span>
                <span className="truncate text-xs text-muted-foreground" data-testid="signed-in-role">{user.roleLabel}</span>
              </span>
              <Glyph icon={ChevronsUpDown} className="size-4 text-muted-foreground" />
            </button>
          }
        >
          {(trigger) => (
            <DropdownMenu>
              <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
              <DropdownMenuContent side="top" align="start" className="w-56">
                <DropdownMenuLabel className="font-normal">
                  <div className="text-sm font-medium">{user.name || user.email}</div>
                  <div className="text-xs text-muted-foreground">{user.email}</div>
                </DropdownMenuLabel>
                <DropdownMenuSeparator />
                <DropdownMenuItem onSelect={() => setTheme("light")}>
                  <SunIcon /> Light
                </DropdownMenuItem>
                <DropdownMenuItem onSelect={() => setTheme("dark")}>
                  <MoonIcon /> Dark
                </DropdownMenuItem>
                <DropdownMenuItem onSelect={() => setTheme("system")}>
                  <MonitorIcon /> System
                </DropdownMenuItem>
                <DropdownMenuSeparator />
                <DropdownMenuItem onSelect={() => window.dispatchEvent(new Event(OPEN_SHORTCUTS_EVENT))}>
                  <KeyboardIcon /> Keyboard shortcuts
                </DropdownMenuItem>
                <DropdownMenuSeparator />
                <DropdownMenuItem
                  onSelect={async () => {
                    await authClient.signOut();
                    router.replace("/sign-in");
                    router.refresh();
                  }}
                >
                  <LogOutIcon /> Sign out
                </DropdownMenuItem>
              </DropdownMenuContent>
            </DropdownMenu>
          )}
        </Deferred>
      </div>
    </>
  );
}
