import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startLocalServices } from "../../lib/dev/local-services";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    sinkUrl: string;
  }
}

/**
 * One fresh PostgreSQL (embedded, unless DATABASE_URL is set) with migrations applied, and one local
 * Resend sink, for the whole run. Tests isolate themselves by creating their own rows.
 */
export default async function setup(project: TestProject) {
  delete process.env.RESEND_API_KEY;
  const port = Number(process.env.TEST_PG_PORT ?? 25340);
  const services = await startLocalServices({
    // Outside the work tree: Vitest's file discovery must never walk a live database directory.
    dataDir: path.join(os.tmpdir(), `admit-test-${port}`),
    pgPort: port,
    sinkPort: 0,
    fresh: true,
  });
  project.provide("databaseUrl", services.databaseUrl);
  project.provide("sinkUrl", services.sink!.url);
  return () => services.stop();
}
