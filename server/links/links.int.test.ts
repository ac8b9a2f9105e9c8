import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { links, offers } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { createCaller } from "@/server/trpc/root";
import { findLinkTarget } from "@/server/tracking/link-cache";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectCode, fieldErrorsOf } from "@/test/trpc-errors";

describe.each(await drivers())("partner link manager on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let program: Awaited<ReturnType<typeof makeProgram>>;
  let a: Awaited<ReturnType<typeof makePartner>>;
  let b: Awaited<ReturnType<typeof makePartner>>;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    program = await makeProgram(t.db);
    a = await makePartner(t.db, admin);
    b = await makePartner(t.db, admin);
  });
  afterAll(() => t.close());

  it("creates a link with a label and a lower-cased alias that answers at /r/<alias>", async () => {
    const created = await as(a.session).links.create({ offerId: program.offerId, label: "  Spring newsletter ", alias: "Spring-Promo" });
    expect(created?.alias).toBe("spring-promo");
    expect(created?.code).toMatch(/^[a-z2-9]{8}$/);
    const mine = await as(a.session).partner.links();
    const row = mine.find((l) => l.linkId === created?.id);
    expect(row).toMatchObject({ label: "Spring newsletter", alias: "spring-promo", status: "active", offerId: program.offerId });
    expect((await findLinkTarget(t.db, "spring-promo"))?.partnerId).toBe(a.partnerId);
  });

  it("creates a link with neither label nor alias", async () => {
    const created = await as(a.session).links.create({ offerId: program.offerId, label: "", alias: "" });
    const [row] = await t.db.select().from(links).where(eq(links.id, created?.id ?? ""));
    expect(row).toMatchObject({ alias: null, label: null, partnerId: a.partnerId });
  });

  it("answers 'This alias is taken' for another link's alias, whatever its case, and for an existing code", async () => {
    let err = await expectCode(as(b.session).links.create({ offerId: program.offerId, alias: "SPRING-PROMO" }), "CONFLICT");
    expect(fieldErrorsOf(err)).toEqual({ alias: "This alias is taken" });
    const code = await linkCode(t.db, a.partnerId, program.offerId);
    err = await expectCode(as(b.session).links.create({ offerId: program.offerId, alias: code }), "CONFLICT");
    expect(fieldErrorsOf(err)).toEqual({ alias: "This alias is taken" });
    expect(await t.db.$count(links, eq(links.partnerId, b.partnerId))).toBe(1);
  });

  it("gives one of two racing requests the alias and the other a field error", async () => {
    const results = await Promise.allSettled([
      as(a.session).links.create({ offerId: program.offerId, alias: "race-alias" }),
      as(b.session).links.create({ offerId: program.offerId, alias: "race-alias" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected");
    expect(fieldErrorsOf(await expectCode(Promise.reject(lost?.reason), "CONFLICT"))).toEqual({ alias: "This alias is taken" });
    expect(await t.db.$count(links, eq(links.alias, "race-alias"))).toBe(1);
  });

  it("refuses malformed input with field errors and stores nothing", async () => {
    const before = await t.db.$count(links);
    const cases: [Record<string, string>, string, string][] = [
      [{ alias: "ab" }, "alias", "Use at least 3 characters"],
      [{ alias: "a".repeat(41) }, "alias", "Use at most 40 characters"],
      [{ alias: "-promo" }, "alias", "Use lower-case letters, digits and dashes, starting with a letter or digit"],
      [{ alias: "spring promo" }, "alias", "Use lower-case letters, digits and dashes, starting with a letter or digit"],
      [{ alias: "promo_1" }, "alias", "Use lower-case letters, digits and dashes, starting with a letter or digit"],
      [{ label: "x".repeat(81) }, "label", "Use at most 80 characters"],
    ];
    for (const [extra, field, message] of cases) {
      const err = await expectCode(as(a.session).links.create({ offerId: program.offerId, ...extra }), "BAD_REQUEST");
      expect(fieldErrorsOf(err)[field]).toBe(message);
    }
    expect(fieldErrorsOf(await expectCode(as(a.session).links.create({ offerId: "" }), "BAD_REQUEST")).offerId).toBe("Pick an offer");
    expect(await t.db.$count(links)).toBe(before);
  });

  it("refuses a paused or unknown offer", async () => {
    const paused = await makeProgram(t.db, { status: "paused" });
    for (const offerId of [paused.offerId, "ofr_nope"]) {
      const err = await expectCode(as(a.session).links.create({ offerId }), "BAD_REQUEST");
      expect(fieldErrorsOf(err)).toEqual({ offerId: "This offer is not available" });
    }
    const offered = await as(a.session).links.offers();
    expect(offered.map((o) => o.id)).toContain(program.offerId);
    expect(offered.map((o) => o.id)).not.toContain(paused.offerId);
  });

  it("pauses and resumes the partner's own link, and the redirect follows at once", async () => {
    const link = await as(a.session).links.create({ offerId: program.offerId, alias: "pause-me" });
    const linkId = link?.id ?? "";
    expect(await findLinkTarget(t.db, "pause-me")).not.toBeNull(); // now cached
    expect(await as(a.session).links.setStatus({ linkId, status: "paused" })).toEqual({ id: linkId, status: "paused" });
    expect(await findLinkTarget(t.db, "pause-me")).toBeNull();
    await as(a.session).links.setStatus({ linkId, status: "active" });
    expect(await findLinkTarget(t.db, "pause-me")).not.toBeNull();
  });

  it("never lets a partner pause another partner's link", async () => {
    const theirs = await as(b.session).links.create({ offerId: program.offerId, alias: "bobs-link" });
    const err = await expectCode(as(a.session).links.setStatus({ linkId: theirs?.id ?? "", status: "paused" }), "NOT_FOUND");
    expect(err.message).toBe("Link not found");
    const [row] = await t.db.select().from(links).where(eq(links.id, theirs?.id ?? ""));
    expect(row?.status).toBe("active");
    // and each list holds only the caller's links
    expect((await as(a.session).partner.links()).every((l) => l.alias !== "bobs-link")).toBe(true);
    expect((await as(b.session).partner.links()).map((l) => l.alias)).toContain("bobs-link");
  });

  it("refuses admins and anonymous callers", async () => {
    await expectCode(as(null).links.create({ offerId: program.offerId }), "UNAUTHORIZED");
    await expectCode(as(admin).links.create({ offerId: program.offerId }), "FORBIDDEN");
    await expectCode(as(admin).links.setStatus({ linkId: "lnk_x", status: "paused" }), "FORBIDDEN");
    await expectCode(as(admin).links.offers(), "FORBIDDEN");
    const pending = await makePartner(t.db, admin, "pending");
    await expectCode(as(pending.session).links.create({ offerId: program.offerId }), "FORBIDDEN");
  });

  it("keeps the offer's deep-link hosts on each link, for the link builder", async () => {
    await t.db.update(offers).set({ deepLinkHosts: ["shop.example.com"] }).where(eq(offers.id, program.offerId));
    const mine = await as(a.session).partner.links();
    expect(mine.find((l) => l.offerId === program.offerId)?.deepLinkHosts).toEqual(["shop.example.com"]);
  });
});
