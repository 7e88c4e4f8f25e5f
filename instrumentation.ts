// Next.js instrumentation hook: runs once when the server starts (never during `next build`).
// The NEXT_RUNTIME test must wrap the import, so the Edge bundle drops Node-only code.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.ADMIT_WORKER !== "off" && process.env.DATABASE_URL) {
    const { startWorker } = await import("./lib/jobs/worker");
    const { logError } = await import("./lib/log");
    await startWorker().catch((e) => logError("worker", "could not start:", e));
  }
}
