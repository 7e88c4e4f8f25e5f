import { parseAsSort, tableParams } from "@/lib/data-table/params";

export const ORGANIZATION_SORTS = ["name", "createdAt", "members"] as const;

export const organizationsSearchParams = {
  ...tableParams,
  sort: parseAsSort(ORGANIZATION_SORTS, { id: "name", desc: false }),
};
