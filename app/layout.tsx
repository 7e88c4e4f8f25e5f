import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ImpersonationNotice } from "@/components/impersonation-notice";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Admit", template: "%s · Admit" },
  description: "Invitations, memberships and sign-in links for your better-auth application.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-svh font-sans">
        <Providers>
          <ImpersonationNotice />
          {children}
        </Providers>
      </body>
    </html>
  );
}
