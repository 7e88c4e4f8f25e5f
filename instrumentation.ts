// Next.js instrumentation hook: runs once when the server starts (never during `next build`).
// The NEXT_RUNTIME test must wrap the import, so the Edge bundle drops Node-only code.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // A production server started any way (`npm start`, `next start`) refuses to run on a bad environment.
    const { assertEnvironment, env } = await import("./lib/env");
    assertEnvironment();
    if (env.workerInProcess && process.env.DATABASE_URL) {
      const { startWorker } = await import("./lib/jobs/worker");
      const { logError } = await import("./lib/log");
      await startWorker().catch((e) => logError("worker", "could not start:", e));
    }
  }
}
