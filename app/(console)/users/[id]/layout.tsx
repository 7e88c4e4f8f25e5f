import type { ReactNode } from "react";
import { personForPage } from "./_data";

// Decides 403/404 before the page streams (see lib/page-guard.ts); the page reuses the same read.
export default async function PersonLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  await personForPage((await params).id);
  return children;
}
