"use client";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { DEFAULT_LOCALE } from "@/lib/locale";
import { formatNumber, plural } from "@/lib/format";

const LocaleContext = createContext(DEFAULT_LOCALE);

/** The request's locale (lib/locale.ts), given by the root layout to every client component. */
export function LocaleProvider({ locale, children }: { locale: string; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export const useLocale = () => useContext(LocaleContext);

/** Numbers and counts in the person's locale: `const f = useFormat(); f.plural(3, "row")`. */
export function useFormat() {
  const locale = useLocale();
  return useMemo(
    () => ({ locale, number: (n: number) => formatNumber(n, locale), plural: (n: number, one: string, many?: string) => plural(n, one, many, locale) }),
    [locale],
  );
}
