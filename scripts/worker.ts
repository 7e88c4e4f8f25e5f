/**
 * `npm run worker`: a job worker on its own, to send campaigns in more processes than the app's.
 * Uses DATABASE_URL and RESEND_API_KEY. In development, without them, it uses the embedded database and
 * mail sink of a running `npm run dev` on this machine; a production worker (NODE_ENV=production) checks
 * the environment like the server does and refuses to start without what it needs.
 */
import { assertEnvironment, env } from "../lib/env";

if (env.mayUseDevServices) {
  process.env.DATABASE_URL ||= `postgresql://postgres:postgres@127.0.0.1:${process.env.PG_PORT ?? 54329}/admit`;
  if (!process.env.RESEND_API_KEY) process.env.RESEND_BASE_URL ||= `http://127.0.0.1:${process.env.SINK_PORT ?? 54330}`;
}
assertEnvironment();

const { startWorker } = await import("../lib/jobs/worker");
const { stopBoss } = await import("../lib/jobs/queue");
await startWorker();
console.log(`[worker] ${process.pid} waiting for jobs`);
const stop = async () => {
  await stopBoss();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
