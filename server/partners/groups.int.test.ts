import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { links } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { createPlan } from "@/server/commissions/manage-plans";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { EPOCH, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { exportPartnersCsv } from "./export-partners";

const page = { limit: 100, offset: 0 };

describe.each(await drivers())("partner types and groups on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let program: Awaited<ReturnType<typeof makeProgram>>;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    program = await makeProgram(t.db);
  });
  afterAll(() => t.close());

  it("edits the program's partner types and only accepts a listed type on a partner", async () => {
    const api = as(admin).onboarding;
    expect(await api.partnerTypes()).toContain("introducing broker");
    await api.setPartnerTypes({ programId: program.programId, types: ["Affiliate", "Streamer", "streamer", " "] });
    expect(await api.partnerTypes()).toEqual(["affiliate", "streamer"]);
    const p = await makePartner(t.db, admin);
    await as(admin).admin.updatePartner({ partnerId: p.partnerId, name: "Stream Co", type: "Streamer" });
    expect((await as(admin).admin.partner({ partnerId: p.partnerId })).type).toBe("streamer");
    await expect(as(admin).admin.updatePartner({ partnerId: p.partnerId, name: "Stream Co", type: "reseller" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await as(admin).admin.partners({ ...page, type: "Streamer" })).items.map((x) => x.id)).toEqual([p.partnerId]);
    await expect(api.setPartnerTypes({ programId: program.programId, types: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // a new sign-up starts as the program's first type
    await api.setPartnerTypes({ programId: program.programId, types: ["streamer", "affiliate"] });
    const fresh = await makePartner(t.db, admin);
    expect((await as(admin).admin.partner({ partnerId: fresh.partnerId })).type).toBe("streamer");
    await api.setPartnerTypes({ programId: program.programId, types: ["affiliate", "introducing broker", "referral partner", "reseller", "influencer", "media buyer", "streamer"] });
  });

  it("groups partners, filters the list and the CSV by group, and refuses a duplicate name", async () => {
    const api = as(admin).onboarding;
    const { groupId: gold } = await api.saveGroup({ name: "Gold", description: "Top earners" });
    const { groupId: silver } = await api.saveGroup({ name: "Silver" });
    await expect(api.saveGroup({ name: "gold" })).rejects.toMatchObject({ code: "CONFLICT" });
    const a = await makePartner(t.db, admin);
    const b = await makePartner(t.db, admin);
    await api.setPartnerGroups({ partnerId: a.partnerId, groupIds: [gold, silver] });
    await api.setPartnerGroups({ partnerId: b.partnerId, groupIds: [silver] });
    expect((await as(admin).admin.partner({ partnerId: a.partnerId })).groups.map((g) => g.name)).toEqual(["Gold", "Silver"]);
    expect((await as(admin).admin.partners({ ...page, groupId: gold })).items.map((x) => x.id)).toEqual([a.partnerId]);
    const csv = await exportPartnersCsv(t.db, { groupId: silver });
    expect(csv).toContain(a.email);
    expect(csv).toContain(b.email);
    expect(csv).toContain('"Gold, Silver"');
    expect((await api.groups()).find((g) => g.id === silver)?.members).toBe(2);
    await api.setPartnerGroups({ partnerId: a.partnerId, groupIds: [] });
    expect((await as(admin).admin.partners({ ...page, groupId: gold })).total).toBe(0);
    await expect(api.setPartnerGroups({ partnerId: a.partnerId, groupIds: ["grp_nope"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // a partner cannot manage groups
    await expect(as(a.session).onboarding.groups()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("assigns a plan to every member of a group at once", async () => {
    const api = as(admin).onboarding;
    const { groupId } = await api.saveGroup({ name: "VIP" });
    await expect(api.assignPlanToGroup({ programId: program.programId, planId: program.planId, groupId, offerId: null, note: "VIP deal" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const a = await makePartner(t.db, admin);
    const b = await makePartner(t.db, admin);
    const outside = await makePartner(t.db, admin);
    for (const p of [a, b]) await api.setPartnerGroups({ partnerId: p.partnerId, groupIds: [groupId] });
    const { planId } = await createPlan(t.db, { programId: program.programId, name: "VIP plan", terms: { currency: "USD", components: { cpa: { event: "ftd", amount: 50_000n } } }, actorId: null, effectiveFrom: EPOCH });
    expect(await api.assignPlanToGroup({ programId: program.programId, planId, groupId, offerId: program.offerId, note: "VIP deal" })).toEqual({ assigned: 2 });
    const own = async (partnerId: string) => (await as(admin).admin.partner({ partnerId })).planHistory.filter((h) => h.ownAssignment).map((h) => h.planName);
    for (const p of [a, b]) expect(await own(p.partnerId)).toEqual(["VIP plan"]);
    expect(await own(outside.partnerId)).toEqual([]);
    const terms = await as(a.session).partner.terms();
    expect(terms.current.find((c) => c.offerId === program.offerId)?.plan?.name).toBe("VIP plan");
  });

  it("shows an offer with visibility 'groups' only to its groups' members", async () => {
    const api = as(admin).onboarding;
    const { groupId } = await api.saveGroup({ name: "Insiders" });
    const member = await makePartner(t.db, admin);
    const other = await makePartner(t.db, admin);
    await api.setPartnerGroups({ partnerId: member.partnerId, groupIds: [groupId] });
    const off = await as(admin).offers.create({ programId: program.programId, name: "Insider offer", description: "", landingUrl: "https://lp.example.com/?c={click_id}", currency: "USD", eventTypes: "ftd", attributionWindowDays: 30, deepLinkHosts: "", visibility: "groups" });
    await api.setOfferGroups({ offerId: off.offerId, groupIds: [groupId] });
    // the member got a link to it at once; the other partner none
    expect(await t.db.$count(links, and(eq(links.offerId, off.offerId), eq(links.partnerId, member.partnerId)))).toBe(1);
    expect(await t.db.$count(links, eq(links.offerId, off.offerId))).toBe(1);
    expect((await as(admin).offers.get({ offerId: off.offerId }))?.groupIds).toEqual([groupId]);
    const seen = (await as(member.session).offers.available()).find((o) => o.id === off.offerId);
    expect(seen?.access).toBe("open");
    expect((await as(other.session).offers.available()).map((o) => o.id)).not.toContain(off.offerId);
    await expect(as(other.session).links.create({ offerId: off.offerId })).rejects.toBeTruthy();
    await expect(as(other.session).offers.requestAccess({ offerId: off.offerId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await as(member.session).links.create({ offerId: off.offerId });
    // a partner who joins the group later gets their link when added
    await api.setPartnerGroups({ partnerId: other.partnerId, groupIds: [groupId] });
    expect(await t.db.$count(links, and(eq(links.offerId, off.offerId), eq(links.partnerId, other.partnerId)))).toBe(1);
    await expect(api.setOfferGroups({ offerId: "ofr_nope", groupIds: [] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
