import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { negotiateLocale } from "@/lib/locale";

/** The locale of the request being rendered (lib/locale.ts), read once per request. */
export const requestLocale = cache(async () => negotiateLocale((await headers()).get("accept-language")));
