import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { offers, programs } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { createCaller } from "@/server/trpc/root";
import { findLinkTarget } from "@/server/tracking/link-cache";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectCode, fieldErrorsOf } from "@/test/trpc-errors";

describe.each(await drivers())("offer and postback settings on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let program: Awaited<ReturnType<typeof makeProgram>>;
  let partner: Awaited<ReturnType<typeof makePartner>>;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });
  const edit = () => ({
    offerId: program.offerId,
    status: "active" as const,
    attributionWindowDays: 30,
    deepLinkHosts: "",
    eventTypes: "registration, ftd",
  });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    program = await makeProgram(t.db);
    partner = await makePartner(t.db, admin);
  });
  afterAll(() => t.close());

  it("saves an offer's tracking settings, and the redirect sees them at once", async () => {
    const code = await linkCode(t.db, partner.partnerId, program.offerId);
    expect((await findLinkTarget(t.db, code))?.deepLinkHosts).toEqual([]); // now cached
    await as(admin).offers.update({ ...edit(), attributionWindowDays: 7, deepLinkHosts: "Shop.example.com,\n*.promo.example.com, shop.example.com", eventTypes: "lead, FTD, sale" });
    const [row] = await t.db.select().from(offers).where(eq(offers.id, program.offerId));
    expect(row).toMatchObject({ attributionWindowDays: 7, deepLinkHosts: ["shop.example.com", "*.promo.example.com"], eventTypes: ["lead", "ftd", "sale"] });
    expect(await findLinkTarget(t.db, code)).toMatchObject({ windowDays: 7, deepLinkHosts: ["shop.example.com", "*.promo.example.com"] });

    await as(admin).offers.update({ ...edit(), status: "paused" });
    expect(await findLinkTarget(t.db, code)).toBeNull();
    await as(admin).offers.update(edit());
    expect(await findLinkTarget(t.db, code)).not.toBeNull();
  });

  it("refuses bad settings with field errors and changes nothing", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ attributionWindowDays: 0 }, "attributionWindowDays", "Use 1 to 365 days"],
      [{ attributionWindowDays: 366 }, "attributionWindowDays", "Use 1 to 365 days"],
      [{ attributionWindowDays: 1.5 }, "attributionWindowDays", "Use whole days"],
      [{ deepLinkHosts: "shop.example.com, https://evil.example" }, "deepLinkHosts", "“https://evil.example” is not a hostname (use example.com or *.example.com)"],
      [{ deepLinkHosts: "a.example.com b.example.com" }, "deepLinkHosts", "“a.example.com b.example.com” is not a hostname (use example.com or *.example.com)"],
      [{ deepLinkHosts: "localhost" }, "deepLinkHosts", "“localhost” is not a hostname (use example.com or *.example.com)"],
      [{ deepLinkHosts: "*.*.example.com" }, "deepLinkHosts", "“*.*.example.com” is not a hostname (use example.com or *.example.com)"],
      [{ deepLinkHosts: "-bad.example.com" }, "deepLinkHosts", "“-bad.example.com” is not a hostname (use example.com or *.example.com)"],
      [{ eventTypes: "ftd, first deposit" }, "eventTypes", "“first deposit” is not an event type (lower-case letters, digits, _; at most 32)"],
      [{ eventTypes: "ftd, first-deposit" }, "eventTypes", "“first-deposit” is not an event type (lower-case letters, digits, _; at most 32)"],
      [{ eventTypes: ` ,, ` }, "eventTypes", "Enter at least one event type"],
      [{ eventTypes: `ftd, ${"x".repeat(33)}` }, "eventTypes", `“${"x".repeat(33)}” is not an event type (lower-case letters, digits, _; at most 32)`],
    ];
    const [before] = await t.db.select().from(offers).where(eq(offers.id, program.offerId));
    for (const [change, field, message] of cases) {
      const err = await expectCode(as(admin).offers.update({ ...edit(), ...change } as ReturnType<typeof edit>), "BAD_REQUEST");
      expect(fieldErrorsOf(err)[field], JSON.stringify(change)).toBe(message);
    }
    const [after] = await t.db.select().from(offers).where(eq(offers.id, program.offerId));
    expect(after).toEqual(before);
    await expectCode(as(admin).offers.update({ ...edit(), offerId: "ofr_missing" }), "NOT_FOUND");
  });

  it("saves a postback IP allowlist of addresses and CIDR ranges, and refuses anything else", async () => {
    await as(admin).programs.setIpAllowlist({ programId: program.programId, allowlist: "203.0.113.7\n198.51.100.0/24, 2001:db8::/32" });
    let [row] = await t.db.select().from(programs).where(eq(programs.id, program.programId));
    expect(row?.postbackIpAllowlist).toEqual(["203.0.113.7", "198.51.100.0/24", "2001:db8::/32"]);
    for (const bad of ["203.0.113.300", "10.0.0.0/33", "::1/129", "example.com", "10.0.0.1-10.0.0.9"]) {
      const err = await expectCode(as(admin).programs.setIpAllowlist({ programId: program.programId, allowlist: `203.0.113.7, ${bad}` }), "BAD_REQUEST");
      expect(fieldErrorsOf(err).allowlist).toBe(`“${bad}” is not an IP address or CIDR range (e.g. 203.0.113.7 or 203.0.113.0/24)`);
    }
    await as(admin).programs.setIpAllowlist({ programId: program.programId, allowlist: "" });
    [row] = await t.db.select().from(programs).where(eq(programs.id, program.programId));
    expect(row?.postbackIpAllowlist).toEqual([]);
  });

  it("rotates signing secrets: at most two live, the newest last, the oldest retired on request", async () => {
    const secrets = async () => (await as(admin).admin.program()).find((p) => p.id === program.programId)?.signingSecrets ?? [];
    const err = await expectCode(as(admin).programs.retireSigningSecret({ programId: program.programId }), "BAD_REQUEST");
    expect(err.message).toBe("There is no older secret to retire.");
    await as(admin).programs.generateSigningSecret({ programId: program.programId });
    const [first] = await secrets();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    await as(admin).programs.generateSigningSecret({ programId: program.programId });
    const [, second] = await secrets();
    expect(await secrets()).toEqual([first, second]);
    await as(admin).programs.generateSigningSecret({ programId: program.programId });
    const now = await secrets();
    expect(now).toHaveLength(2);
    expect(now[0]).toBe(second);
    expect(new Set([first, second, now[1]]).size).toBe(3);
    await as(admin).programs.retireSigningSecret({ programId: program.programId });
    expect(await secrets()).toEqual([now[1]]);
    await expectCode(as(admin).programs.generateSigningSecret({ programId: "prg_missing" }), "NOT_FOUND");
  });

  it("keeps these settings for admins", async () => {
    const p = as(partner.session);
    await expectCode(p.offers.update(edit()), "FORBIDDEN");
    await expectCode(p.programs.setIpAllowlist({ programId: program.programId, allowlist: "" }), "FORBIDDEN");
    await expectCode(p.programs.generateSigningSecret({ programId: program.programId }), "FORBIDDEN");
    await expectCode(p.programs.retireSigningSecret({ programId: program.programId }), "FORBIDDEN");
    await expectCode(as(null).offers.update(edit()), "UNAUTHORIZED");
  });
});
