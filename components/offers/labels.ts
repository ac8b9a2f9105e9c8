import type { OfferVisibility } from "@/db/schema/programs";

export const VISIBILITY_LABELS: Record<OfferVisibility, string> = {
  all: "All approved partners",
  on_request: "Partners who asked and were approved",
  groups: "Partners in chosen groups",
  hidden: "Hidden",
};
