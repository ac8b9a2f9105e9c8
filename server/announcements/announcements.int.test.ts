import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { mailMessages } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { saveGroup, setPartnerGroups } from "@/server/partners/groups";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makeMember, makePartner, makeProgram } from "@/test/factories";

describe.each(await drivers())("announcements on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let offerA: string;
  let offerB: string;
  let groupId: string;
  // inGroup: member of the group, promotes offer A. other: not in the group, and holds no link to offer B.
  let inGroup: Awaited<ReturnType<typeof makePartner>>;
  let other: Awaited<ReturnType<typeof makePartner>>;
  let pending: Awaited<ReturnType<typeof makePartner>>;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });
  const titlesOf = async (p: { session: SessionUser }) => (await as(p.session).announcements.mine()).items.map((i) => i.title);
  const mailsTo = (email: string, subjectPart: string) =>
    t.db.select().from(mailMessages).where(and(eq(mailMessages.to, email), eq(mailMessages.template, "announcement"))).then((rows) => rows.filter((r) => r.subject.includes(subjectPart)));

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    ({ offerId: offerA } = await makeProgram(t.db));
    inGroup = await makePartner(t.db, admin);
    other = await makePartner(t.db, admin);
    pending = await makePartner(t.db, admin, "pending");
    // an offer made after the partners joined: nobody holds a link to it but the one given below
    ({ offerId: offerB } = await makeProgram(t.db, { autoEnrol: false }));
    await as(inGroup.session).links.create({ offerId: offerB, label: "B" });
    ({ groupId } = await saveGroup(t.db, { name: `News ${driver}` }));
    await setPartnerGroups(t.db, { partnerId: inGroup.partnerId, groupIds: [groupId] });
  });
  afterAll(() => t.close());

  it("reaches all partners, one group, or one offer's partners, and only approved ones", async () => {
    const all = await as(admin).announcements.create({ title: "Hello everyone", body: "News for all.", audience: "all", email: false });
    const group = await as(admin).announcements.create({ title: "Group only", body: "For the group.", audience: "group", groupId, email: false });
    expect(all.recipients).toBeGreaterThanOrEqual(2);
    expect(group.recipients).toBe(1);
    expect(await titlesOf(inGroup)).toEqual(expect.arrayContaining(["Hello everyone", "Group only"]));
    expect(await titlesOf(other)).toContain("Hello everyone");
    expect(await titlesOf(other)).not.toContain("Group only");
    // a partner not (yet) approved receives nothing and cannot open the portal's list
    await expect(as(pending.session).announcements.mine()).rejects.toBeInstanceOf(TRPCError);

    const offerNews = await as(admin).announcements.create({ title: "Offer B news", body: "Only B's partners.", audience: "offer", offerId: offerB, email: false });
    expect(offerNews.recipients).toBe(1);
    expect(await titlesOf(inGroup)).toContain("Offer B news");
    expect(await titlesOf(other)).not.toContain("Offer B news");
    const offerANews = await as(admin).announcements.create({ title: "Offer A news", body: "A's partners.", audience: "offer", offerId: offerA, email: false });
    expect(offerANews.recipients).toBeGreaterThanOrEqual(2);
    expect(await titlesOf(other)).toContain("Offer A news");
  });

  it("names the missing target, and refuses partners and read-only roles", async () => {
    await expect(as(admin).announcements.create({ title: "x", body: "y", audience: "group", email: false })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(as(admin).announcements.create({ title: "x", body: "y", audience: "group", groupId: "grp_nope", email: false })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Pick a group" });
    await expect(as(inGroup.session).announcements.create({ title: "x", body: "y", audience: "all", email: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(await makeMember(t.db, "viewer")).announcements.create({ title: "x", body: "y", audience: "all", email: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("keeps each partner's read state and unread count", async () => {
    await as(admin).announcements.create({ title: "Unread test", body: "Read me.", audience: "all", email: false });
    const before = await as(other.session).announcements.mine();
    expect(before.unread).toBe(before.items.filter((i) => !i.readAt).length);
    expect(before.unread).toBeGreaterThan(0);
    const target = before.items.find((i) => i.title === "Unread test")!;
    // one partner marking it read does not mark it for another
    await as(other.session).announcements.markRead({ ids: [target.id] });
    expect(await as(other.session).announcements.unread()).toBe(before.unread - 1);
    const theirs = await as(inGroup.session).announcements.mine();
    expect(theirs.items.find((i) => i.id === target.id)?.readAt).toBeNull();
    await as(other.session).announcements.markRead({ ids: "all" });
    expect(await as(other.session).announcements.unread()).toBe(0);
    expect(await as(inGroup.session).announcements.unread()).toBe(theirs.unread);
    const list = await as(admin).announcements.list({});
    expect(list.items.find((i) => i.id === target.id)).toMatchObject({ read: 1 });
  });

  it("e-mails only the recipients who kept announcement e-mails on", async () => {
    expect(await as(other.session).announcements.mailPreferences()).toEqual({ announcements: true });
    await as(other.session).announcements.setMailPreferences({ announcements: false });
    expect(await as(other.session).announcements.mailPreferences()).toEqual({ announcements: false });
    const sent = await as(admin).announcements.create({ title: "Mailed news", body: "First paragraph.\n\nSecond paragraph.", audience: "all", email: true });
    expect(sent.mailed).toBe(sent.recipients - 1);
    expect(await mailsTo(other.email, "Mailed news")).toHaveLength(0);
    const [mail] = await mailsTo(inGroup.email, "Mailed news");
    expect(mail?.text).toContain("Second paragraph.");
    expect(mail?.text).toContain("/portal/profile#email-preferences");
    // the opted-out partner still sees it in the portal
    expect(await titlesOf(other)).toContain("Mailed news");
    // without "email", nobody is mailed
    await as(admin).announcements.create({ title: "Quiet news", body: "Portal only.", audience: "all", email: false });
    expect(await mailsTo(inGroup.email, "Quiet news")).toHaveLength(0);
    // turning it back on applies to the next one
    await as(other.session).announcements.setMailPreferences({ announcements: true });
    await as(admin).announcements.create({ title: "Later news", body: "Again.", audience: "group", groupId, email: true });
    expect(await mailsTo(other.email, "Later news")).toHaveLength(0);
    expect(await mailsTo(inGroup.email, "Later news")).toHaveLength(1);
  });
});
