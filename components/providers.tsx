"use client";
import { ThemeProvider } from "next-themes";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import { z } from "zod";
import { LocaleProvider } from "@/components/locale-provider";
import { Toaster } from "@/components/ui/sonner";
import { TooltipProvider } from "@/components/ui/tooltip";

// Zod 4 probes for `new Function` to compile fast parsers; the Content-Security-Policy forbids eval, and the
// probe alone is reported as a violation. The interpreted parsers are plenty fast for forms.
z.config({ jitless: true });

export function Providers({ children, nonce, locale }: { children: ReactNode; nonce?: string; locale: string }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      <LocaleProvider locale={locale}>
      <NuqsAdapter>
        <TooltipProvider>
          {children}
          <Toaster richColors closeButton />
        </TooltipProvider>
      </NuqsAdapter>
      </LocaleProvider>
    </ThemeProvider>
  );
}
