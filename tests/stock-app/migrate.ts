/** The stock application's schema, made by better-auth's migration API (what `npx auth migrate` runs). */
import { getMigrations } from "better-auth/db/migration";
import { auth } from "./auth";

const { toBeCreated, toBeAdded, runMigrations } = await getMigrations(auth.options);
console.log(JSON.stringify({ toBeCreated: toBeCreated.map((t) => t.table), toBeAdded: toBeAdded.map((t) => `${t.table}: ${Object.keys(t.fields).join(", ")}`) }));
if (process.argv.includes("--run")) await runMigrations();
process.exit(0);
