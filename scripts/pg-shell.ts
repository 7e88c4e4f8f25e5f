/** Start an embedded PostgreSQL for ad-hoc work and print its URL: `tsx scripts/pg-shell.ts [dir] [port]`. Ctrl-C stops it. */
import { startEmbeddedPostgres } from "../lib/dev/embedded-postgres";

const pg = await startEmbeddedPostgres({ dir: process.argv[2] ?? ".data/pg-shell", port: Number(process.argv[3] ?? 54360) });
console.log(pg.url);
const stop = async () => {
  await pg.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
setInterval(() => {}, 1 << 30);
