"use client";
import { REMINDER_CHOICES } from "@/lib/invitations/reminder-hours";
import type { UseFormReturn } from "react-hook-form";
import { FormSelect, OrganizationSelect, ROLE_OPTIONS, TeamSelect } from "@/components/form-select";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FieldDescription, FieldError, FieldGroup, FieldLabel } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { CampaignSettings } from "@/lib/campaigns/schema";
import type { InvitableOrganization } from "@/lib/invitations/queries";
import { EXPIRY_CHOICES } from "@/lib/invitations/schema";

/** Step 1: who is invited into what, and the message. (A change of these clears an earlier check.) */
export function SettingsCard({ form, organizations, maySignInLinks }: { form: UseFormReturn<CampaignSettings>; organizations: InvitableOrganization[]; maySignInLinks: boolean }) {
  const values = form.watch();
  const org = organizations.find((o) => o.id === values.organizationId);
  const { errors } = form.formState;
  return (
      <Card>
        <CardHeader>
          <CardTitle level={2}>1. Settings</CardTitle>
          <CardDescription>Defaults for rows without a role or team column. Use {"{{name}}"}, {"{{organization}}"} or any CSV column in the text.</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={(e) => e.preventDefault()} noValidate>
            <FieldGroup>
              <Field data-invalid={!!errors.name}>
                <FieldLabel htmlFor="c-name">Campaign name</FieldLabel>
                <Input id="c-name" placeholder="Spring onboarding" aria-invalid={!!errors.name} {...form.register("name")} />
                <FieldError errors={[errors.name]} />
              </Field>
              <div className="grid gap-5 sm:grid-cols-2">
                <OrganizationSelect control={form.control} name="organizationId" id="c-org" organizations={organizations} onChanged={() => form.setValue("teamId", undefined)} />
                <FormSelect
                  control={form.control}
                  name="kind"
                  id="c-kind"
                  label="Send"
                  options={[{ value: "invitation", label: "Invitations (join in one step)" }, ...(maySignInLinks ? [{ value: "sign-in", label: "Sign-in links (existing users)" }] : [])]}
                />
                <FormSelect control={form.control} name="role" id="c-role" label="Default role" options={ROLE_OPTIONS} />
                <TeamSelect control={form.control} name="teamId" id="c-team" label="Default team" teams={org?.teams} />
                <FormSelect
                  control={form.control}
                  name="expiresIn"
                  id="c-expiry"
                  label="Links expire after"
                  options={EXPIRY_CHOICES.filter((c) => values.kind === "invitation" || c.value <= 7 * 86400)}
                  numeric
                />
                {values.kind === "invitation" && (
                  <FormSelect control={form.control} name="reminderHours" id="c-reminder" label="Remind who has not answered" options={REMINDER_CHOICES.filter((c) => c.value * 3600 < values.expiresIn)} numeric />
                )}
              </div>
              <Field data-invalid={!!errors.subject}>
                <FieldLabel htmlFor="c-subject">Subject</FieldLabel>
                <Input id="c-subject" aria-invalid={!!errors.subject} {...form.register("subject")} />
                <FieldError errors={[errors.subject]} />
              </Field>
              <Field data-invalid={!!errors.message}>
                <FieldLabel htmlFor="c-message">Message</FieldLabel>
                <Textarea id="c-message" rows={5} aria-invalid={!!errors.message} {...form.register("message")} />
                <FieldDescription>A blank line starts a new paragraph. The link button and its expiry are added below it.</FieldDescription>
                <FieldError errors={[errors.message]} />
              </Field>
            </FieldGroup>
          </form>
        </CardContent>
      </Card>
  );
}
