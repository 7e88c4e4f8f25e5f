import { execFileSync } from "node:child_process";
import path from "node:path";

/** `prisma migrate deploy` against `url`, with the offline Wasm engine (see prisma.config.ts). */
export function migrateDeploy(url: string) {
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
