import { Badge } from "@/components/ui/badge";

const TONES = {
  pending: "warning",
  approved: "info",
  paid: "success",
  rejected: "danger",
  reversed: "danger",
  suspended: "danger",
  draft: "neutral",
  failed: "danger",
  processing: "info",
  running: "info",
  completed: "success",
  active: "success",
  paused: "neutral",
  attributed: "success",
  unattributed: "neutral",
} as const;

export function StatusBadge({ status }: { status: string }) {
  const tone = TONES[status as keyof typeof TONES] ?? "neutral";
  return <Badge tone={tone}>{status.charAt(0).toUpperCase() + status.slice(1)}</Badge>;
}
