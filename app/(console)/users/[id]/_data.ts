import "server-only";
import { cache } from "react";
import { guarded } from "@/lib/page-guard";
import { getCurrentActor } from "@/lib/session";
import { getPerson } from "@/lib/users/queries";

/** The person this request shows: read once, by the layout (403/404 before streaming) and the page. */
export const personForPage = cache(async (id: string) => guarded(getPerson(await getCurrentActor(), id)));
