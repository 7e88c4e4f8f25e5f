/**
 * Demo data for `npm run dev`: a platform admin, a support agent, two organizations with owners, admins,
 * members and a team, and invitations in every status. Idempotent: a database that already has the admin
 * is left alone. Accounts are made through better-auth's own server API, like any other account.
 */
import { randomBytes } from "node:crypto";
import { auth } from "@/lib/auth";
import { prisma } from "@/lib/db";

export const DEMO_ADMIN_EMAIL = "admin@admit.test";

export interface SeededAccounts {
  password: string;
  accounts: { email: string; role: string }[];
}

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemo(password = randomBytes(9).toString("base64url")): Promise<SeededAccounts | null> {
  if (await prisma.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL } })) return null;

  const createUser = async (email: string, name: string, role: "admin" | "support" | "user") => {
    const { user } = await auth.api.createUser({ body: { email, name, password, role, data: { emailVerified: true } } });
    return user;
  };
  const admin = await createUser(DEMO_ADMIN_EMAIL, "Avery Admin", "admin");
  const support = await createUser("support@admit.test", "Sam Support", "support");
  const owner = await createUser("olivia@acme.test", "Olivia Owner", "user");
  const orgAdmin = await createUser("oscar@acme.test", "Oscar Orgadmin", "user");
  const member = await createUser("mia@acme.test", "Mia Member", "user");
  const globexOwner = await createUser("gus@globex.test", "Gus Globex", "user");
  for (const [i, name] of ["Noah Nakamura", "Lena Lindqvist", "Ravi Raman", "Chloe Chen", "Diego Duarte"].entries()) {
    await createUser(`${name.split(" ")[0].toLowerCase()}@example.test`, name, "user").then(() => i);
  }

  const acme = await auth.api.createOrganization({ body: { name: "Acme Inc", slug: "acme", userId: owner.id } });
  const globex = await auth.api.createOrganization({ body: { name: "Globex", slug: "globex", userId: globexOwner.id } });
  if (!acme || !globex) throw new Error("seed: could not create the demo organizations");
  await auth.api.addMember({ body: { organizationId: acme.id, userId: orgAdmin.id, role: "admin" } });
  await auth.api.addMember({ body: { organizationId: acme.id, userId: member.id, role: "member" } });
  const team = await prisma.team.create({
    data: { id: randomBytes(16).toString("hex"), name: "Engineering", organizationId: acme.id, memberCount: 0, createdAt: new Date() },
  });

  const now = Date.now();
  const invite = (email: string, status: string, expiresAt: number, inviterId: string, organizationId: string, role = "member", teamId?: string) => ({
    id: randomBytes(16).toString("hex"),
    email,
    status,
    role,
    teamId: teamId ?? null,
    inviterId,
    organizationId,
    expiresAt: new Date(expiresAt),
    createdAt: new Date(Math.min(expiresAt, now) - 7 * DAY + DAY / 2),
  });
  await prisma.invitation.createMany({
    data: [
      invite("pending.dev@example.test", "pending", now + 5 * DAY, owner.id, acme.id, "member", team.id),
      invite("pending.admin@example.test", "pending", now + 2 * DAY, support.id, acme.id, "admin"),
      invite("soon@example.test", "pending", now + 3 * 60 * 60 * 1000, admin.id, acme.id),
      invite("expired@example.test", "pending", now - 2 * DAY, owner.id, acme.id),
      invite("accepted@example.test", "accepted", now + 1 * DAY, orgAdmin.id, acme.id),
      invite("rejected@example.test", "rejected", now + 3 * DAY, owner.id, acme.id),
      invite("canceled@example.test", "canceled", now + 4 * DAY, support.id, acme.id),
      invite("hello@globex.test", "pending", now + 6 * DAY, globexOwner.id, globex.id),
    ],
  });

  return {
    password,
    accounts: [
      { email: admin.email, role: "platform admin" },
      { email: support.email, role: "support" },
      { email: owner.email, role: "owner of Acme Inc" },
      { email: orgAdmin.email, role: "admin of Acme Inc" },
      { email: member.email, role: "member of Acme Inc (no console access)" },
      { email: globexOwner.email, role: "owner of Globex" },
    ],
  };
}
