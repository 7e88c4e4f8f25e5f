import { parseAsFilter, parseAsSort, tableParams } from "@/lib/data-table/params";

export const auditSearchParams = {
  ...tableParams,
  sort: parseAsSort(["createdAt"] as const, { id: "createdAt", desc: true }),
  action: parseAsFilter,
};
