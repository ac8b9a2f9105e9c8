import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { clicks, links, offers } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { recordPostback } from "@/server/conversions/record-postback";
import { drainOutbox } from "@/server/jobs/outbox";
import { handleClick } from "@/server/tracking/handle-click";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectCode, fieldErrorsOf } from "@/test/trpc-errors";

const redirect = (code: string) => handleClick(new Request(`http://localhost/r/${code}?sub1=s`, { headers: { "user-agent": "UA" } }), code);

describe.each(await drivers())("offers on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let program: Awaited<ReturnType<typeof makeProgram>>;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });
  const fields = (over: Record<string, unknown> = {}) => ({
    programId: program.programId,
    name: "Spring Casino",
    description: "Welcome bonus",
    landingUrl: "https://casino.example.com/welcome?cid={click_id}&s1={sub1}",
    currency: "usd",
    eventTypes: "registration, FTD",
    attributionWindowDays: 30,
    deepLinkHosts: "casino.example.com",
    visibility: "all" as const,
    ...over,
  });
  const edit = (offerId: string, over: Record<string, unknown> = {}) => ({ ...fields(over), programId: undefined, offerId });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    program = await makeProgram(t.db);
  });
  afterAll(() => t.close());

  it("creates an offer with normalised fields, and approved partners get a link to it", async () => {
    const { offerId } = await as(admin).offers.create(fields());
    const [row] = await t.db.select().from(offers).where(eq(offers.id, offerId));
    expect(row).toMatchObject({ name: "Spring Casino", currency: "USD", eventTypes: ["registration", "ftd"], deepLinkHosts: ["casino.example.com"], status: "active", visibility: "all" });
    const p = await makePartner(t.db, admin);
    await linkCode(t.db, p.partnerId, offerId);
    const catalogue = await as(p.session).offers.available();
    expect(catalogue.find((o) => o.id === offerId)?.access).toBe("open");
  });

  it("refuses bad fields, naming each, and stores nothing", async () => {
    const before = await t.db.$count(offers);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ landingUrl: "https://lp.example.com/?c={clickid}" }, "landingUrl", "Unknown macro {clickid}"],
      [{ landingUrl: "javascript:alert(1)//{click_id}" }, "landingUrl", "Use an http:// or https:// URL"],
      [{ landingUrl: "ftp://lp.example.com/{click_id}" }, "landingUrl", "Use an http:// or https:// URL"],
      [{ landingUrl: "lp.example.com/?c={click_id}" }, "landingUrl", "Enter a full URL"],
      [{ landingUrl: "https://lp.example.com/?c={click_id" }, "landingUrl", "A { or } without its pair"],
      [{ currency: "EUX" }, "currency", "Enter an ISO 4217 currency code"],
      [{ name: "x" }, "name", "Enter a name of at least 2 characters"],
      [{ name: "Nul\u0000" }, "name", "Use letters, digits and punctuation only"],
      [{ attributionWindowDays: 0 }, "attributionWindowDays", "Use 1 to 365 days"],
      [{ attributionWindowDays: 1.5 }, "attributionWindowDays", "Use whole days"],
      [{ deepLinkHosts: "https://evil.example" }, "deepLinkHosts", "“https://evil.example” is not a hostname"],
      [{ eventTypes: " ,, " }, "eventTypes", "Enter at least one event type"],
      [{ eventTypes: "first deposit" }, "eventTypes", "“first deposit” is not an event type"],
      [{ visibility: "everyone" }, "visibility", "Pick who sees this offer"],
      [{ programId: "prg_missing" }, "programId", "Pick a program"],
    ];
    for (const [change, field, message] of cases) {
      const err = await expectCode(as(admin).offers.create(fields(change) as ReturnType<typeof fields>), "BAD_REQUEST");
      expect(fieldErrorsOf(err)[field], JSON.stringify(change)).toContain(message);
    }
    expect(await t.db.$count(offers)).toBe(before);
  });

  it("changes the landing URL without breaking existing links or clicks: links resolve the offer at click time", async () => {
    const p = await makePartner(t.db, admin);
    const code = await linkCode(t.db, p.partnerId, program.offerId);
    const first = await redirect(code);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toMatch(/^https:\/\/lp\.example\.com\/\?cid=clk_/);
    const oldClicks = await t.db.select().from(clicks).where(eq(clicks.offerId, program.offerId));

    await as(admin).offers.update(edit(program.offerId, { name: "Renamed", landingUrl: "https://new.example.com/go?ref={click_id}&p={partner_id}" }));
    const second = await redirect(code);
    expect(second.status).toBe(302);
    const location = new URL(second.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("https://new.example.com/go");
    expect(location.searchParams.get("p")).toBe(p.partnerId);
    // the earlier clicks are untouched, and a conversion on one is still attributed through the same link
    expect(await t.db.select().from(clicks).where(eq(clicks.offerId, program.offerId))).toEqual(expect.arrayContaining(oldClicks));
    const r = await recordPostback(t.db, { token: program.token, click_id: oldClicks[0]!.id, event: "ftd", txn_id: "landing-change-1" });
    expect(r.ok).toBe(true);
    await drainOutbox(t.db);
    await expectLedgerInvariants(t.db);
  });

  it("keeps the currency once the offer has conversions, and lets it change before", async () => {
    const { offerId } = await as(admin).offers.create(fields({ name: "Fresh" }));
    await as(admin).offers.update(edit(offerId, { currency: "EUR" }));
    expect((await as(admin).offers.get({ offerId }))?.currency).toBe("EUR");
    // program.offerId has a conversion from the previous test
    const err = await expectCode(as(admin).offers.update(edit(program.offerId, { currency: "EUR" })), "BAD_REQUEST");
    expect(fieldErrorsOf(err).currency).toBe("The currency stays USD: this offer already has conversions");
    expect((await as(admin).offers.get({ offerId: program.offerId }))?.currencyLocked).toBe(true);
    await expectCode(as(admin).offers.update(edit("ofr_missing")), "NOT_FOUND");
  });

  it("pauses, archives and reactivates: the redirect follows at once, the list filters by status and search", async () => {
    const { offerId } = await as(admin).offers.create(fields({ name: "Status Walk" }));
    const p = await makePartner(t.db, admin);
    const code = await linkCode(t.db, p.partnerId, offerId);
    expect((await redirect(code)).status).toBe(302);
    await as(admin).offers.setStatus({ offerId, status: "paused" });
    expect((await redirect(code)).status).toBe(404);
    await as(admin).offers.setStatus({ offerId, status: "archived" });
    expect((await as(admin).offers.list({})).map((o) => o.id)).not.toContain(offerId);
    expect((await as(admin).offers.list({ status: "archived" })).map((o) => o.id)).toEqual([offerId]);
    expect((await as(admin).offers.list({ q: "status w" })).map((o) => o.id)).toEqual([]);
    await as(admin).offers.setStatus({ offerId, status: "active" });
    expect((await redirect(code)).status).toBe(302);
    expect((await as(admin).offers.list({ q: "STATUS w" })).map((o) => o.id)).toEqual([offerId]);
    expect(await as(admin).offers.list({ q: "100%_" })).toEqual([]);
    await expectCode(as(admin).offers.setStatus({ offerId: "ofr_missing", status: "paused" }), "NOT_FOUND");
  });

  it("duplicates an offer as a paused copy with its settings, and no links", async () => {
    const { offerId } = await as(admin).offers.create(fields({ name: "Original", visibility: "on_request", attributionWindowDays: 7 }));
    const { offerId: copyId } = await as(admin).offers.duplicate({ offerId });
    const copy = await as(admin).offers.get({ offerId: copyId });
    expect(copy).toMatchObject({ name: "Copy of Original", status: "paused", visibility: "on_request", attributionWindowDays: 7, landingUrl: fields().landingUrl, currency: "USD" });
    expect(await t.db.$count(links, eq(links.offerId, copyId))).toBe(0);
    await expectCode(as(admin).offers.duplicate({ offerId: "ofr_missing" }), "NOT_FOUND");
  });

  it("shows on-request offers only after an approved request, and never hidden ones", async () => {
    const { offerId: gated } = await as(admin).offers.create(fields({ name: "Gated", visibility: "on_request" }));
    const { offerId: hidden } = await as(admin).offers.create(fields({ name: "Hidden", visibility: "hidden" }));
    const p = await makePartner(t.db, admin);
    const api = as(p.session);
    const seen = async () => (await api.links.offers()).map((o) => o.id);
    expect(await seen()).not.toContain(gated);
    expect(await seen()).not.toContain(hidden);
    expect((await api.offers.available()).map((o) => [o.id, o.access])).toEqual(expect.arrayContaining([[gated, "none"]]));
    expect((await api.offers.available()).map((o) => o.id)).not.toContain(hidden);
    expect(await t.db.$count(links, eq(links.partnerId, p.partnerId))).toBeGreaterThan(0);
    for (const offerId of [gated, hidden]) {
      const err = await expectCode(api.links.create({ offerId }), "BAD_REQUEST");
      expect(fieldErrorsOf(err).offerId).toBe("This offer is not available");
    }
    await expectCode(api.offers.requestAccess({ offerId: hidden }), "NOT_FOUND");

    const request = await api.offers.requestAccess({ offerId: gated, message: "Email list of 20k" });
    expect(request.status).toBe("pending");
    expect(await api.offers.requestAccess({ offerId: gated })).toEqual(request); // asking again changes nothing
    await as(admin).offers.decideAccess({ requestId: request.id, decision: "deny" });
    expect((await api.offers.available()).find((o) => o.id === gated)?.access).toBe("denied");
    expect(await seen()).not.toContain(gated);

    expect((await api.offers.requestAccess({ offerId: gated })).status).toBe("pending"); // may ask again after a denial
    const detail = await as(admin).offers.get({ offerId: gated });
    expect(detail?.accessRequests).toEqual([expect.objectContaining({ id: request.id, partnerId: p.partnerId, status: "pending" })]);
    await as(admin).offers.decideAccess({ requestId: request.id, decision: "approve" });
    expect(await seen()).toContain(gated);
    // approval issued the tracking link in the same step, and it redirects
    const code = await linkCode(t.db, p.partnerId, gated);
    expect((await redirect(code)).status).toBe(302);
    expect((await api.partner.links()).map((l) => l.offerId)).toContain(gated);
    await api.links.create({ offerId: gated, label: "second" });

    // hiding the offer hides it from the portal, but its links keep redirecting (no traffic is lost)
    await as(admin).offers.update(edit(gated, { name: "Gated", visibility: "hidden" }));
    expect((await api.partner.links()).map((l) => l.offerId)).not.toContain(gated);
    expect(await seen()).not.toContain(gated);
    expect((await redirect(code)).status).toBe(302);

    // another partner's session never sees this partner's request
    const other = await makePartner(t.db, admin);
    expect((await as(other.session).offers.available()).find((o) => o.id === gated)).toBeUndefined();
    await expectCode(as(admin).offers.decideAccess({ requestId: "oar_missing", decision: "approve" }), "NOT_FOUND");
  });

  it("keeps offer management for admins and the catalogue for approved partners", async () => {
    const p = await makePartner(t.db, admin);
    const api = as(p.session);
    await expectCode(api.offers.create(fields()), "FORBIDDEN");
    await expectCode(api.offers.update(edit(program.offerId)), "FORBIDDEN");
    await expectCode(api.offers.setStatus({ offerId: program.offerId, status: "paused" }), "FORBIDDEN");
    await expectCode(api.offers.duplicate({ offerId: program.offerId }), "FORBIDDEN");
    await expectCode(api.offers.list({}), "FORBIDDEN");
    await expectCode(api.offers.get({ offerId: program.offerId }), "FORBIDDEN");
    await expectCode(api.offers.decideAccess({ requestId: "oar_x", decision: "approve" }), "FORBIDDEN");
    await expectCode(as(admin).offers.available(), "FORBIDDEN");
    await expectCode(as(admin).offers.requestAccess({ offerId: program.offerId }), "FORBIDDEN");
    const pending = await makePartner(t.db, admin, "pending");
    await expectCode(as(pending.session).offers.available(), "FORBIDDEN");
    await expectCode(as(null).offers.list({}), "UNAUTHORIZED");
  });
});
