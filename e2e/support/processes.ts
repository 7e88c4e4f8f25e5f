/**
 * Processes the journeys start besides the webServer: the console through `npm start`'s launcher with an
 * exact environment, and the stock better-auth application (tests/stock-app) on a database of its own
 * (made with tests/support/stock-app.ts).
 */
import { spawn } from "node:child_process";
import path from "node:path";

const TSX = path.resolve("node_modules/.bin/tsx");

export interface Started {
  exited: Promise<number>;
  output(): string;
  ready(): Promise<void>;
  stop(): Promise<number>;
}

function launch(command: string, args: string[], env: Record<string, string>, waitForUrl?: string): Started {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/root", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  return {
    exited,
    output: () => output,
    async ready() {
      for (let i = 0; i < 180; i++) {
        if (await fetch(waitForUrl!).then((r) => r.status < 500).catch(() => false)) return;
        if (child.exitCode !== null) throw new Error(`exited early:\n${output}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`not ready:\n${output}`);
    },
    stop() {
      if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
      return exited;
    },
  };
}

/** `npm start` (the launcher) on `port` with exactly this environment. */
export function startConsole(port: number, env: Record<string, string>) {
  return launch(TSX, ["scripts/launch.ts", "start"], { PORT: String(port), ...env }, `http://localhost:${port}/sign-in`);
}

/** `npm run dev` (the launcher in development mode: embedded database, mail sink, demo accounts) on `port`. */
export function startConsoleDev(port: number, env: Record<string, string>) {
  return launch(TSX, ["scripts/launch.ts", "dev"], { PORT: String(port), ...env }, `http://localhost:${port}/sign-in`);
}

/** The stock application (tests/stock-app/server.ts). */
export function startStockApp(port: number, env: Record<string, string>) {
  return launch(TSX, ["tests/stock-app/server.ts"], { PORT: String(port), BETTER_AUTH_URL: `http://127.0.0.1:${port}`, ...env }, `http://127.0.0.1:${port}/me`);
}
