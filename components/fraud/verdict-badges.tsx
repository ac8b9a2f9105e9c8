import { Badge } from "@/components/ui/badge";
import { ACTION_LABELS, ACTION_TONES, REVIEW_TONES } from "./labels";

type Action = keyof typeof ACTION_LABELS;
type Review = keyof typeof REVIEW_TONES;

/** The rules' verdict: score and action. */
export function ActionBadge({ action, score }: { action: Action; score: number }) {
  return (
    <Badge tone={ACTION_TONES[action]} className="whitespace-nowrap">
      {ACTION_LABELS[action]} · {score}
    </Badge>
  );
}

/** Where the review stands; "by the rules" when no admin decided. */
export function ReviewBadge({ status, byRules }: { status: Review; byRules: boolean }) {
  const label = status === "open" ? "Open" : status === "cleared" ? "Cleared" : "Rejected";
  return (
    <Badge tone={REVIEW_TONES[status]} className="whitespace-nowrap">
      {label}
      {status !== "open" && byRules ? " by rules" : ""}
    </Badge>
  );
}
