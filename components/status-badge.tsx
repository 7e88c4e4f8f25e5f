import { Badge } from "@/components/ui/badge";
import type { InvitationStatus } from "@/lib/invitations/status";

const VARIANTS: Record<InvitationStatus, "success" | "warning" | "secondary" | "destructive" | "muted" | "outline"> = {
  pending: "warning",
  expired: "muted",
  accepted: "success",
  rejected: "destructive",
  canceled: "outline",
};

export function InvitationStatusBadge({ status }: { status: InvitationStatus }) {
  return <Badge variant={VARIANTS[status]}>{status[0].toUpperCase() + status.slice(1)}</Badge>;
}
