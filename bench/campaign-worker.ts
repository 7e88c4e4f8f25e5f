/** Bench child: sends one campaign to the end, then prints its peak resident memory (VmHWM) as JSON. */
import fs from "node:fs";
import { sendCampaign } from "../lib/campaigns/send-campaign";

const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0);
// Resident memory once everything is loaded, before the first recipient: the growth is what sending costs.
await import("../lib/db").then(({ prisma }) => prisma.$queryRaw`SELECT 1`);
const baseMb = kb("VmRSS") / 1024;
const started = Date.now();
const result = await sendCampaign(process.argv[2], 60 * 60_000);
console.log(JSON.stringify({ state: result.state, ms: Date.now() - started, peakMb: kb("VmHWM") / 1024, baseMb }));
process.exit(0);
