import { Banknote, Cog, Gauge, Landmark, Link2, ReceiptText, ScrollText, Send, ShieldAlert, TicketPercent, Users, Wallet, Waypoints } from "lucide-react";

/** One icon set (lucide) for the whole product; navigation refers to icons by name. */
export const icons = { gauge: Gauge, users: Users, receipt: ReceiptText, banknote: Banknote, cog: Cog, link: Link2, wallet: Wallet, ticket: TicketPercent, send: Send, waypoints: Waypoints, scroll: ScrollText, landmark: Landmark, shield: ShieldAlert };
