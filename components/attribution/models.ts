import type { AttributionSource, StoredModel } from "@/db/schema";

export type ModelName = StoredModel["model"];

/** The six models in the order admins meet them, each with one plain sentence on how it splits the credit. */
export const MODELS: { value: ModelName; label: string; description: string }[] = [
  { value: "last_click", label: "Last click", description: "The click your backend reported gets all the credit." },
  { value: "first_click", label: "First click", description: "The first click of the visitor's journey gets all the credit." },
  { value: "linear", label: "Linear", description: "Every click of the journey gets an equal share." },
  { value: "time_decay", label: "Time decay", description: "Recent clicks count more: a click's weight halves every half-life before the last click." },
  { value: "position_based", label: "Position based", description: "Fixed shares for the first and the last click; the rest is spread over the clicks in between." },
  { value: "data_driven", label: "Data-driven", description: "Weights learned daily from your own converting and non-converting journeys; linear until there is enough data." },
];

export const DEFAULT_MODELS: Record<ModelName, StoredModel> = {
  last_click: { model: "last_click" },
  first_click: { model: "first_click" },
  linear: { model: "linear" },
  time_decay: { model: "time_decay", halfLifeDays: 7 },
  position_based: { model: "position_based", firstShare: 0.4, lastShare: 0.4 },
  data_driven: { model: "data_driven" },
};

export const EVIDENCE: Record<AttributionSource, { label: string; description: string }> = {
  click: { label: "Reported click & journey", description: "The click_id your backend reported, with the visitor's earlier clicks." },
  customer_binding: { label: "Customer binding", description: "The partner the customer was bound to by their first attributed event." },
  coupon: { label: "Coupon", description: "The partner who owns the coupon code the conversion reported." },
};

export const nameOf = (m: ModelName) => MODELS.find((x) => x.value === m)?.label ?? m;
/** Shares are stored as fractions; people read whole percentages (0.4 -> 40). */
export const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;

/** A model's parameters in words ("half-life 7 days", "40% first, 40% last"), or null for a model without. */
export function modelParams(m: StoredModel): string | null {
  if (m.model === "time_decay") return `half-life ${m.halfLifeDays} ${m.halfLifeDays === 1 ? "day" : "days"}`;
  if (m.model === "position_based") return `${percent(m.firstShare)} first, ${percent(m.lastShare)} last`;
  return null;
}

/** "Position based (40% first, 40% last)", "Time decay (half-life 7 days)", "Linear": as explanations word them. */
export function modelLabel(m: StoredModel): string {
  const params = modelParams(m);
  return params ? `${nameOf(m.model)} (${params})` : nameOf(m.model);
}

export const evidenceLabel = (source: string | null) => (source && source in EVIDENCE ? EVIDENCE[source as AttributionSource].label : "None");
