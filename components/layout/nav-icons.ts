import { Banknote, Cog, Gauge, Link2, ReceiptText, Send, ShieldAlert, TicketPercent, Users, Wallet, Waypoints } from "lucide-react";

/** One icon set (lucide) for the whole product; navigation refers to icons by name. */
export const icons = { gauge: Gauge, users: Users, receipt: ReceiptText, banknote: Banknote, cog: Cog, link: Link2, wallet: Wallet, ticket: TicketPercent, send: Send, waypoints: Waypoints, shield: ShieldAlert };
