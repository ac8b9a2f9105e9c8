import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { conversions, offers, partners, planAssignments, programs } from "@/db/schema";

export type ChecklistItem = { key: "program" | "offer" | "plan" | "conversion" | "partner"; label: string; hint: string; done: boolean; href: string };

const exists = async (q: Promise<unknown[]>) => (await q).length > 0;

/** The first-run checklist, read from real state every time: nothing is ticked by hand. */
export async function getSetupChecklist(db: DbOrTx): Promise<{ items: ChecklistItem[]; complete: boolean }> {
  const [program] = await db.select({ id: programs.id }).from(programs).where(eq(programs.status, "active")).orderBy(asc(programs.createdAt)).limit(1);
  const [offer, plan, conversion, partner] = await Promise.all([
    exists(db.select({ id: offers.id }).from(offers).limit(1)),
    exists(db.select({ id: planAssignments.id }).from(planAssignments).limit(1)),
    exists(db.select({ id: conversions.id }).from(conversions).limit(1)),
    exists(db.select({ id: partners.id }).from(partners).where(eq(partners.status, "approved")).limit(1)),
  ]);
  const programPage = program ? `/admin/programs/${program.id}` : "/admin/programs";
  const items: ChecklistItem[] = [
    { key: "program", label: "Create a program", hint: "Its currency, time zone, how partners join, and the postback token.", done: Boolean(program), href: program ? programPage : "/admin/programs/new" },
    { key: "offer", label: "Create an offer", hint: "What partners promote: the landing page and the events you report.", done: offer, href: offer ? "/admin/offers" : "/admin/offers/new" },
    { key: "plan", label: "Assign a commission plan", hint: "What an offer pays: create a plan and assign it to the offer.", done: plan, href: "/admin/plans" },
    { key: "conversion", label: "Receive a test conversion", hint: "Call the postback URL from your backend with a click id from a test click.", done: conversion, href: programPage },
    { key: "partner", label: "Approve your first partner", hint: "Share /signup with partners, then approve their applications.", done: partner, href: "/admin/partners?status=pending" },
  ];
  return { items, complete: items.every((i) => i.done) };
}
