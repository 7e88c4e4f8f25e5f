import { z } from "zod";

export const addMembersInput = z.object({
  organizationId: z.string().min(1),
  people: z
    .array(z.object({ email: z.string().max(320), name: z.string().max(200).optional(), role: z.string().max(64).optional(), teamId: z.string().max(64).optional() }))
    .min(1, "Add at least one person.")
    .max(10_000, "At most 10,000 people per request."),
  /** Email a welcome sign-in link to each person whose account this request creates. */
  sendWelcome: z.boolean().default(false),
});
export type AddMembersInput = z.input<typeof addMembersInput>;

export const addMembersFormSchema = z.object({
  emails: z.string().trim().min(1, "Enter at least one email address."),
  organizationId: z.string().min(1),
  role: z.enum(["member", "admin", "owner"]),
  teamId: z.string().optional(),
  sendWelcome: z.boolean(),
});
export type AddMembersFormValues = z.infer<typeof addMembersFormSchema>;

export const changeRoleSchema = z.object({ memberId: z.string().min(1), role: z.enum(["member", "admin", "owner"]) });
export const removeMemberSchema = z.object({ memberId: z.string().min(1) });
