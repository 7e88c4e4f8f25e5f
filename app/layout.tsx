import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { ImpersonationNotice } from "@/components/impersonation-notice";
import { Providers } from "@/components/providers";
import { requestLocale } from "@/lib/request-locale";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Admit", template: "%s · Admit" },
  description: "Invitations, memberships and sign-in links for your better-auth application.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The per-request CSP nonce from proxy.ts (reading headers also keeps every page dynamic, as nonces need).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const locale = await requestLocale();
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-svh font-sans">
        <Providers nonce={nonce} locale={locale}>
          <ImpersonationNotice />
          {children}
        </Providers>
      </body>
    </html>
  );
}
