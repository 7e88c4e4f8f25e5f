import { parseAsFilter, parseAsSort, tableParams } from "@/lib/data-table/params";

export const USER_SORTS = ["name", "email", "createdAt"] as const;
export const USER_STATUSES = ["active", "banned"] as const;

export const usersSearchParams = {
  ...tableParams,
  sort: parseAsSort(USER_SORTS, { id: "createdAt", desc: true }),
  role: parseAsFilter,
  status: parseAsFilter,
};
