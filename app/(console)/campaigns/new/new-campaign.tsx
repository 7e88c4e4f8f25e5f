"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { createCampaignAction, previewCampaignAction } from "@/lib/campaigns/actions";
import { MAX_CSV_BYTES, tooLargeMessage } from "@/lib/campaigns/csv";
import { campaignSettingsSchema, DEFAULT_SETTINGS, type CampaignSettings } from "@/lib/campaigns/schema";
import { callAction } from "@/lib/call-action";
import { useFormat } from "@/components/locale-provider";
import type { InvitableOrganization } from "@/lib/invitations/queries";
import { FileCard } from "./file-card";
import { ReviewCard, type Preview } from "./review-card";
import { SettingsCard } from "./settings-card";

/** A campaign in three steps: settings, the file and its check, review and start. */
export function NewCampaign({ organizations, maySignInLinks, inviterName }: { organizations: InvitableOrganization[]; maySignInLinks: boolean; inviterName: string }) {
  const { plural } = useFormat();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<"preview" | "create" | null>(null);
  const form = useForm<CampaignSettings>({
    resolver: zodResolver(campaignSettingsSchema),
    defaultValues: { ...DEFAULT_SETTINGS, organizationId: organizations.length === 1 ? organizations[0].id : "" },
  });
  const values = form.watch();

  // A check answers for the settings it was made with: changing who is invited, or how, needs a new one.
  const { organizationId, kind, role, teamId } = values;
  useEffect(() => setPreview(null), [organizationId, kind, role, teamId]);

  const choose = (f: File | undefined | null) => {
    if (!f) return;
    // Refused here before any upload, and again on the server.
    if (f.size > MAX_CSV_BYTES) {
      toast.error("That file is too large", { description: tooLargeMessage(f.size) });
      return;
    }
    setFile(f);
    setPreview(null);
  };

  const check = form.handleSubmit(async (settings) => {
    if (!file) return void toast.error("Choose a CSV file first.");
    setBusy("preview");
    const data = new FormData();
    data.set("file", file);
    data.set("settings", JSON.stringify(settings));
    const res = await callAction(previewCampaignAction(data));
    setBusy(null);
    if (!res.ok) toast.error("The file could not be checked", { description: res.error });
    setPreview(res.ok ? res.data : null);
  });

  const start = form.handleSubmit(async (settings) => {
    if (!preview) return;
    setBusy("create");
    const res = await callAction(createCampaignAction({ draftId: preview.draftId, settings }));
    setBusy(null);
    if (!res.ok) return void toast.error("The campaign could not start", { description: res.error });
    toast.success(`Campaign started for ${plural(res.data.recipients, "person", "people")}`);
    router.push(`/campaigns/${res.data.id}`);
  });

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <SettingsCard form={form} organizations={organizations} maySignInLinks={maySignInLinks} />
      <div className="flex flex-col gap-6">
        <FileCard file={file} busy={busy !== null} checking={busy === "preview"} checked={!!preview} onChoose={choose} onCheck={check} />
        {preview && (
          <ReviewCard
            preview={preview}
            values={values}
            organizationName={organizations.find((o) => o.id === organizationId)?.name ?? ""}
            inviterName={inviterName}
            fileName={file?.name}
            busy={busy !== null}
            starting={busy === "create"}
            onStart={start}
          />
        )}
      </div>
    </div>
  );
}
