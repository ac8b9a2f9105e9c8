/**
 * What reports can be broken down by, and the rollup grains (dimension sets) that keep them, per day of the
 * program's time zone. A grain keeps program and offer always, then some of partner and link, then up to two click attributes in `d1`/`d2`.
 * A report reads the smallest grain that keeps every dimension it groups or filters by.
 *
 * The partner's type and groups belong to the partner, not the click, so they need no grain of their own: any
 * grain that keeps `partner` answers them (run-report.ts looks them up per partner at read time, so a partner
 * moved to another group or type is reported under the new one for every period).
 */

export const TIME_DIMENSIONS = ["day", "week", "month"] as const;
export type TimeDimension = (typeof TIME_DIMENSIONS)[number];

export const KEY_DIMENSIONS = ["program", "offer", "partner", "link"] as const;
export type KeyDimension = (typeof KEY_DIMENSIONS)[number];

/** Click attributes and the clicks column each comes from. */
export const ATTRIBUTES = {
  sub1: "sub1",
  sub2: "sub2",
  sub3: "sub3",
  sub4: "sub4",
  sub5: "sub5",
  country: "country",
  device: "device_type",
  os: "os",
  browser: "browser",
  utm_source: "utm_source",
  utm_medium: "utm_medium",
  utm_campaign: "utm_campaign",
} as const;
export type Attribute = keyof typeof ATTRIBUTES;
export const ATTRIBUTE_NAMES = Object.keys(ATTRIBUTES) as Attribute[];

/** The partner's own attributes (see the note above); operators' breakdowns only, never a partner's. */
export const PARTNER_ATTRIBUTES = ["partner_type", "partner_group"] as const;
export type PartnerAttribute = (typeof PARTNER_ATTRIBUTES)[number];

export const DIMENSIONS = [...TIME_DIMENSIONS, ...KEY_DIMENSIONS, ...ATTRIBUTE_NAMES, "event", ...PARTNER_ATTRIBUTES] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  day: "Day",
  week: "Week",
  month: "Month",
  program: "Program",
  offer: "Offer",
  partner: "Partner",
  link: "Link",
  sub1: "Sub1",
  sub2: "Sub2",
  sub3: "Sub3",
  sub4: "Sub4",
  sub5: "Sub5",
  country: "Country",
  device: "Device",
  os: "OS",
  browser: "Browser",
  utm_source: "UTM source",
  utm_medium: "UTM medium",
  utm_campaign: "UTM campaign",
  event: "Event",
  partner_type: "Partner type",
  partner_group: "Partner group",
};

export type Grain = { name: string; partner: boolean; link: boolean; attrs: readonly Attribute[] };

/** Attributes whose values mean the same across partners: operators break them down program-wide. */
const SHARED_ATTRIBUTES: readonly Attribute[] = ["country", "device", "os", "browser", "utm_source", "utm_medium", "utm_campaign"];

/**
 * Smallest first: the first grain that covers a report is the one it reads. Operators' program-wide breakdowns
 * by a shared attribute read an offer-level grain (tens of rows a day) rather than the partner-level one (a row
 * per partner, offer and value a day); partners' own reports, and sub-IDs, read the partner-level grains.
 */
export const GRAINS: readonly Grain[] = [
  { name: "offer", partner: false, link: false, attrs: [] },
  ...SHARED_ATTRIBUTES.map((a) => ({ name: `offer_${a}`, partner: false, link: false, attrs: [a] as const })),
  { name: "offer_country_device", partner: false, link: false, attrs: ["country", "device"] },
  { name: "partner", partner: true, link: false, attrs: [] },
  { name: "link", partner: true, link: true, attrs: [] },
  ...ATTRIBUTE_NAMES.map((a) => ({ name: a, partner: true, link: false, attrs: [a] as const })),
  { name: "country_device", partner: true, link: false, attrs: ["country", "device"] },
];

const covers = (g: Grain, d: Dimension): boolean => {
  if ((TIME_DIMENSIONS as readonly string[]).includes(d) || d === "event" || d === "program" || d === "offer") return true;
  if (d === "partner" || (PARTNER_ATTRIBUTES as readonly string[]).includes(d)) return g.partner;
  if (d === "link") return g.link;
  return g.attrs.includes(d as Attribute);
};

/** The grain a report over these dimensions (grouped or filtered) reads, or null when no grain keeps them all. */
export function chooseGrain(dimensions: readonly Dimension[]): Grain | null {
  return GRAINS.find((g) => dimensions.every((d) => covers(g, d))) ?? null;
}
