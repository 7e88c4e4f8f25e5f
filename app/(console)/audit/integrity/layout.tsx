import { permissionGate } from "@/lib/page-guard";

// Platform admins only; decided before the page streams (see lib/page-guard.ts).
export default permissionGate("audit:verify");
