import { parseAsFilter, parseAsSort, tableParams } from "@/lib/data-table/params";

export const INVITATION_SORTS = ["createdAt", "expiresAt", "email"] as const;

export const invitationsSearchParams = {
  ...tableParams,
  sort: parseAsSort(INVITATION_SORTS, { id: "createdAt", desc: true }),
  status: parseAsFilter,
  org: parseAsFilter,
  role: parseAsFilter,
};
