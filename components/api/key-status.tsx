import { Badge } from "@/components/ui/badge";
import type { SecretStatus } from "@/server/api/manage-keys";

const TONES = { live: "success", expired: "warning", revoked: "danger" } as const;
const LABELS: Record<SecretStatus, string> = { live: "Live", expired: "Expired", revoked: "Revoked" };

export function KeyStatus({ status }: { status: SecretStatus }) {
  return <Badge tone={TONES[status]}>{LABELS[status]}</Badge>;
}
