import "server-only";
import { cache } from "react";
import { getOrganization } from "@/lib/organizations/queries";
import { guarded } from "@/lib/page-guard";
import { getCurrentActor } from "@/lib/session";

/** The organization this request shows: read once, by the layout (403/404 before streaming) and the page. */
export const organizationForPage = cache(async (id: string) => guarded(getOrganization(await getCurrentActor(), id)));
