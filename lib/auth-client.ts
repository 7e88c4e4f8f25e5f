"use client";
import { adminClient, magicLinkClient, organizationClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";
import { orgAc, orgRoles, platformAc, platformRoles } from "@/lib/access";

export const authClient = createAuthClient({
  plugins: [
    adminClient({ ac: platformAc, roles: platformRoles }),
    organizationClient({ ac: orgAc, roles: orgRoles, teams: { enabled: true } }),
    magicLinkClient(),
  ],
});
