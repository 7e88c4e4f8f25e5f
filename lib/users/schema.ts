import { parseAsFilter, parseAsSort, tableParams } from "@/lib/data-table/params";

export const USER_SORTS = ["name", "email", "createdAt"] as const;
export const USER_STATUSES = ["active", "banned"] as const;
/** Sign-in filter (lib/users/sign-ins.ts records sign-ins): never signed in, or signed in at least once. */
export const SIGN_IN_STATES = [
  { value: "never", label: "Never signed in" },
  { value: "ever", label: "Signed in" },
] as const;

/** "Created within" filter values and their length in days. */
export const CREATED_WITHIN = [
  { value: "7d", label: "Last 7 days", days: 7 },
  { value: "30d", label: "Last 30 days", days: 30 },
  { value: "90d", label: "Last 90 days", days: 90 },
] as const;

export const usersSearchParams = {
  ...tableParams,
  sort: parseAsSort(USER_SORTS, { id: "createdAt", desc: true }),
  role: parseAsFilter,
  status: parseAsFilter,
  org: parseAsFilter,
  created: parseAsFilter,
  signIn: parseAsFilter,
};
