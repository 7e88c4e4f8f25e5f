/** Child process for the database-restart test: creates an organization and a queued campaign of N recipients in DATABASE_URL's database and prints its id. */
import { createCampaign } from "../../lib/campaigns/create-campaign";
import { prisma } from "../../lib/db";
import { stopBoss } from "../../lib/jobs/queue";
import { actorOf, createOrganization, createUser } from "./factories";

const [count, prefix] = [Number(process.argv[2]), process.argv[3]];
const owner = await createUser();
const org = await createOrganization(owner);
const csv = new TextEncoder().encode(["email,name", ...Array.from({ length: count }, (_, i) => `${prefix}.${i}@example.test,P${i}`)].join("\n"));
const { id } = await createCampaign(
  { actor: await actorOf(owner) },
  { organizationId: org.id, kind: "invitation", name: "restart", role: "member", expiresIn: 7 * 86400, subject: "Hi {{name}}", message: "Hello {{name}}" },
  csv,
);
await stopBoss();
await prisma.$disconnect();
console.log(id);
process.exit(0);
