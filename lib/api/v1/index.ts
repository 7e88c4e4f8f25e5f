/** Every operation of /api/v1, in the order the OpenAPI document lists them. */
import type { ApiRoute } from "../route";
import { auditRoutes } from "./audit";
import { campaignRoutes } from "./campaigns";
import { invitationRoutes } from "./invitations";
import { organizationRoutes } from "./organizations";
import { signInLinkRoutes } from "./sign-in-links";

export const API_BASE = "/api/v1";

export const v1Routes: readonly ApiRoute[] = [...invitationRoutes, ...organizationRoutes, ...signInLinkRoutes, ...campaignRoutes, ...auditRoutes];
