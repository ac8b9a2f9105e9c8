export { formatMoney } from "@/server/money/format";

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** Dates are shown in UTC and say so, so an operator and a partner in different zones read the same thing. */
export const formatDateTime = (d: Date | string) => `${dateTime.format(new Date(d))} UTC`;
export const formatDate = (d: Date | string) => date.format(new Date(d));
