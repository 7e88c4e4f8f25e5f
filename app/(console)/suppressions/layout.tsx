import { permissionGate } from "@/lib/page-guard";

// Decides 403 before the page streams (see lib/page-guard.ts).
export default permissionGate("suppression:read");
