import "server-only";
import { cache } from "react";
import { getCampaign } from "@/lib/campaigns/queries";
import { guarded } from "@/lib/page-guard";
import { getCurrentActor } from "@/lib/session";

/** The campaign this request shows: read once, by the layout (403/404 before streaming) and the page. */
export const campaignForPage = cache(async (id: string) => guarded(getCampaign(await getCurrentActor(), id)));
