import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, asc, eq, like } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { MAX_FILE_BYTES } from "@/server/creatives/limits";
import { saveGroup, setPartnerGroups } from "@/server/partners/groups";
import { setStorage } from "@/server/storage";
import { localStorage } from "@/server/storage/local-storage";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { b64, png } from "@/test/images";
import { handleApi } from "./handle-api";
import { createApiKey, createPartnerToken } from "./manage-keys";
import { resetBuckets } from "./rate-limit";
import { API_SCOPES } from "./scopes";

type Problem = { status: number; code: string; errors: { field: string; message: string }[] };
type Page<T> = { data: T[]; nextCursor: string | null };
type Coupon = { id: string; code: string; programId: string; offerId: string; partnerId: string; status: string; createdAt: string };
type Creative = { id: string; offerId: string; kind: string; name: string; status: string; width: number | null; height: number | null; fileType: string | null; groupIds: string[]; impressions: number };

const root = fs.mkdtempSync(path.join(os.tmpdir(), "tp-api-creatives-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.each(await drivers())("coupons, creatives, webhook endpoints and click windows in the REST API on %s", (driver) => {
  let t: TestDb;
  let adminId: string;
  let full: { secret: string; prefix: string };
  let couponsOnly: string;
  let scoped: string;
  let one: Awaited<ReturnType<typeof makeProgram>>;
  let two: Awaited<ReturnType<typeof makeProgram>>;
  let ann: Awaited<ReturnType<typeof makePartner>>;
  let ben: Awaited<ReturnType<typeof makePartner>>;
  let pending: Awaited<ReturnType<typeof makePartner>>;

  const call = (secret: string, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) =>
    handleApi(
      t.db,
      new Request(`http://localhost/api/v1${p}`, {
        method,
        headers: { authorization: `Bearer ${secret}`, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  const json = async <T>(res: Response, status = 200): Promise<T> => {
    const body = (await res.json()) as T;
    expect(res.status, JSON.stringify(body)).toBe(status);
    return body;
  };
  const problem = async (res: Response, status: number) => {
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    return json<Problem>(res, status);
  };

  beforeAll(async () => {
    t = await createTestDb(driver);
    setStorage(localStorage(path.join(root, driver)));
    const admin = await makeAdmin(t.db);
    adminId = admin.id;
    [one, two] = [await makeProgram(t.db), await makeProgram(t.db)];
    [ann, ben, pending] = [await makePartner(t.db, admin), await makePartner(t.db, admin), await makePartner(t.db, admin, "pending")];
    full = await createApiKey(t.db, { name: "Full", programId: null, scopes: API_SCOPES, expiresInDays: null, actorId: admin.id });
    couponsOnly = (await createApiKey(t.db, { name: "Coupons", programId: null, scopes: ["coupons:read"], expiresInDays: null, actorId: admin.id })).secret;
    scoped = (await createApiKey(t.db, { name: "Program one", programId: one.programId, scopes: API_SCOPES, expiresInDays: null, actorId: admin.id })).secret;
  });
  beforeEach(() => resetBuckets());
  afterAll(() => t.close());

  it("creates coupons (upper-case, idempotent), refuses taken and malformed codes by field, pauses them, and keeps each key to its scope and program", async () => {
    const body = { partnerId: ann.partnerId, offerId: one.offerId, code: " ann_10-off " };
    const made = await json<Coupon>(await call(full.secret, "POST", "/coupons", body, { "idempotency-key": "cpn-1" }), 201);
    expect(made).toMatchObject({ code: "ANN_10-OFF", programId: one.programId, offerId: one.offerId, partnerId: ann.partnerId, status: "active" });
    const replay = await call(full.secret, "POST", "/coupons", body, { "idempotency-key": "cpn-1" });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await json<Coupon>(replay, 201)).toEqual(made);

    expect(await problem(await call(full.secret, "POST", "/coupons", { ...body, partnerId: ben.partnerId, code: "Ann_10-Off" }), 409)).toMatchObject({
      code: "conflict",
      errors: [{ field: "code", message: "This code is taken in this program" }],
    });
    const bad = await problem(await call(full.secret, "POST", "/coupons", { partnerId: "", offerId: one.offerId, code: "10% OFF" }), 422);
    expect(bad.errors.map((e) => e.field).sort()).toEqual(["code", "partnerId"]);
    expect((await problem(await call(full.secret, "POST", "/coupons", { ...body, partnerId: pending.partnerId, code: "PENDING1" }), 422)).errors).toEqual([{ field: "partnerId", message: "Pick an approved partner" }]);
    // the same code is free in another program
    const other = await json<Coupon>(await call(full.secret, "POST", "/coupons", { partnerId: ben.partnerId, offerId: two.offerId, code: "ann_10-off" }), 201);

    const paused = await json<Coupon>(await call(full.secret, "PATCH", `/coupons/${made.id}`, { status: "paused" }));
    expect(paused).toMatchObject({ id: made.id, status: "paused" });
    expect((await problem(await call(full.secret, "PATCH", `/coupons/${made.id}`, { status: "deleted" }), 422)).errors.map((e) => e.field)).toEqual(["status"]);
    expect((await problem(await call(full.secret, "PATCH", "/coupons/cpn_missing", { status: "paused" }), 404)).code).toBe("not_found");

    // filters and pages
    const byCode = await json<Page<Coupon>>(await call(full.secret, "GET", "/coupons?code=ann_10-OFF"));
    expect(byCode.data.map((c) => c.id)).toEqual([other.id, made.id]);
    expect((await json<Page<Coupon>>(await call(full.secret, "GET", `/coupons?partnerId=${ben.partnerId}`))).data.map((c) => c.id)).toEqual([other.id]);
    expect((await json<Page<Coupon>>(await call(full.secret, "GET", "/coupons?status=paused"))).data.map((c) => c.id)).toEqual([made.id]);
    const first = await json<Page<Coupon>>(await call(full.secret, "GET", "/coupons?limit=1"));
    const second = await json<Page<Coupon>>(await call(full.secret, "GET", `/coupons?limit=1&cursor=${first.nextCursor}`));
    expect([...first.data, ...second.data].map((c) => c.id)).toEqual([other.id, made.id]);
    expect(second.nextCursor).toBeNull();
    expect(await json<Coupon>(await call(full.secret, "GET", `/coupons/${made.id}`))).toEqual(paused);

    // a read scope reads only; a program's key sees and makes its program's coupons only
    expect((await json<Page<Coupon>>(await call(couponsOnly, "GET", "/coupons"))).data).toHaveLength(2);
    expect((await problem(await call(couponsOnly, "POST", "/coupons", { ...body, code: "NOPE1" }), 403)).code).toBe("insufficient_scope");
    expect((await problem(await call(couponsOnly, "GET", "/creatives"), 403)).code).toBe("insufficient_scope");
    expect((await json<Page<Coupon>>(await call(scoped, "GET", "/coupons"))).data.map((c) => c.id)).toEqual([made.id]);
    expect((await call(scoped, "GET", `/coupons/${other.id}`)).status).toBe(404);
    expect((await call(scoped, "PATCH", `/coupons/${other.id}`, { status: "paused" })).status).toBe(404);
    expect((await problem(await call(scoped, "POST", "/coupons", { partnerId: ann.partnerId, offerId: two.offerId, code: "OTHERPROG" }), 422)).errors).toEqual([{ field: "offerId", message: "Pick an offer" }]);

    // a partner's token reads that partner's codes only
    const annToken = (await createPartnerToken(t.db, ann.partnerId, { name: "Sheet", expiresInDays: null })).secret;
    const mine = await json<{ data: { id: string; code: string; status: string; offerName: string }[] }>(await call(annToken, "GET", "/partner/coupons"));
    expect(mine.data.map((c) => [c.id, c.status])).toEqual([[made.id, "paused"]]);

    // every write the API ran, refused ones too, names the key in the audit log
    const entries = await t.db
      .select({ action: auditLog.action, outcome: auditLog.outcome, objectId: auditLog.objectId })
      .from(auditLog)
      .where(and(eq(auditLog.actorRole, "api_key"), like(auditLog.actorEmail, `api key ${full.prefix}%`), like(auditLog.action, "api.%Coupon")))
      .orderBy(asc(auditLog.id));
    expect(entries.filter((e) => e.outcome === "ok").map((e) => e.action)).toEqual(["api.createCoupon", "api.createCoupon", "api.updateCoupon"]);
    expect(entries.find((e) => e.action === "api.updateCoupon" && e.outcome === "ok")?.objectId).toBe(made.id);
    // refused by the domain (taken code, pending partner, unknown coupon); input that fails validation runs nothing
    expect(entries.filter((e) => e.outcome === "failed").map((e) => e.action)).toEqual(["api.createCoupon", "api.createCoupon", "api.updateCoupon"]);
  });

  it("adds text and banner creatives (the banner base64 in JSON), names every bad field, archives them, and shows partners what they may use", async () => {
    const text = await json<Creative>(await call(full.secret, "POST", "/creatives", { offerId: one.offerId, kind: "text_link", name: "Spring text", body: "Sign up today", tags: ["Spring"] }, { "idempotency-key": "crv-1" }), 201);
    expect(text).toMatchObject({ kind: "text_link", status: "active", offerId: one.offerId, groupIds: [], impressions: 0, fileType: null });
    const banner = await json<Creative>(await call(full.secret, "POST", "/creatives", { offerId: one.offerId, kind: "image", name: "Leaderboard", file: { name: "lb.png", data: b64(png(728, 90)) } }), 201);
    expect(banner).toMatchObject({ kind: "image", width: 728, height: 90, fileType: "image/png" });
    const { groupId } = await saveGroup(t.db, { name: `VIP ${driver}` });
    const vip = await json<Creative>(await call(full.secret, "POST", "/creatives", { offerId: one.offerId, kind: "html", name: "VIP box", body: '<a href="{link}">VIP</a>', groupIds: [groupId] }), 201);
    expect(vip.groupIds).toEqual([groupId]);

    const bad = await problem(await call(full.secret, "POST", "/creatives", { offerId: one.offerId, kind: "email", name: "", body: "no placeholder", startsOn: "2026-02-01", endsOn: "2026-01-01" }), 422);
    expect(bad.errors.map((e) => e.field).sort()).toEqual(["body", "endsOn", "name", "subject"]);
    const notImage = await problem(await call(full.secret, "POST", "/creatives", { offerId: one.offerId, kind: "image", name: "Fake", file: { name: "x.png", data: b64(Buffer.from("not an image at all")) } }), 422);
    expect(notImage.errors.map((e) => e.field)).toEqual(["file"]);
    const tooBig = await call(full.secret, "POST", "/creatives", { offerId: one.offerId, kind: "image", name: "Huge", file: { name: "x.png", data: b64(Buffer.alloc(MAX_FILE_BYTES + 2048)) } });
    expect((await problem(tooBig, 422)).errors.map((e) => e.field)).toEqual(["file.data"]);
    expect((await problem(await call(full.secret, "POST", "/creatives", { offerId: one.offerId, kind: "image", name: "Huger", file: { name: "x.png", data: "A".repeat(2 * 1024 * 1024) } }), 413)).code).toBe("body_too_large");

    const listed = await json<Page<Creative>>(await call(full.secret, "GET", `/creatives?offerId=${one.offerId}`));
    expect(listed.data.map((c) => c.id)).toEqual([vip.id, banner.id, text.id]);
    expect((await json<Page<Creative>>(await call(full.secret, "GET", "/creatives?kind=image"))).data.map((c) => c.id)).toEqual([banner.id]);

    // partners see live creatives of offers they may promote, the group's only to its members, with their links
    await setPartnerGroups(t.db, { partnerId: ben.partnerId, groupIds: [groupId] });
    const annToken = (await createPartnerToken(t.db, ann.partnerId, { name: "Library", expiresInDays: null })).secret;
    const benToken = (await createPartnerToken(t.db, ben.partnerId, { name: "Library", expiresInDays: null })).secret;
    type Library = { data: { id: string; links: { code: string }[] }[] };
    const annSees = await json<Library>(await call(annToken, "GET", "/partner/creatives"));
    expect(annSees.data.map((c) => c.id).sort()).toEqual([banner.id, text.id].sort());
    expect(annSees.data[0]!.links.map((l) => l.code)).toEqual([await linkCode(t.db, ann.partnerId, one.offerId)]);
    expect((await json<Library>(await call(benToken, "GET", "/partner/creatives?kind=html"))).data.map((c) => c.id)).toEqual([vip.id]);

    const archived = await json<Creative>(await call(full.secret, "PATCH", `/creatives/${text.id}`, { status: "archived" }));
    expect(archived).toMatchObject({ id: text.id, status: "archived" });
    expect((await json<Library>(await call(annToken, "GET", "/partner/creatives"))).data.map((c) => c.id)).toEqual([banner.id]);
    expect((await json<Page<Creative>>(await call(full.secret, "GET", "/creatives?status=archived"))).data.map((c) => c.id)).toEqual([text.id]);
    expect(await json<Creative>(await call(full.secret, "GET", `/creatives/${text.id}`))).toEqual(archived);

    // another program's key sees none of them and cannot add to this program
    const otherKey = (await createApiKey(t.db, { name: "Program two", programId: two.programId, scopes: ["creatives:write"], expiresInDays: null, actorId: adminId })).secret;
    expect((await json<Page<Creative>>(await call(otherKey, "GET", "/creatives"))).data).toEqual([]);
    expect((await call(otherKey, "GET", `/creatives/${banner.id}`)).status).toBe(404);
    expect((await call(otherKey, "PATCH", `/creatives/${banner.id}`, { status: "archived" })).status).toBe(404);
    expect((await problem(await call(otherKey, "POST", "/creatives", { offerId: one.offerId, kind: "text_link", name: "Sneaky", body: "x" }), 422)).errors).toEqual([{ field: "offerId", message: "Pick an offer" }]);
    expect((await json<Page<Creative>>(await call(scoped, "GET", "/creatives"))).data).toHaveLength(3);

    const entries = await t.db
      .select({ action: auditLog.action, objectId: auditLog.objectId })
      .from(auditLog)
      .where(and(like(auditLog.actorEmail, `api key ${full.prefix}%`), eq(auditLog.outcome, "ok"), like(auditLog.action, "api.%Creative")))
      .orderBy(asc(auditLog.id));
    expect(entries.map((e) => e.action)).toEqual(["api.createCreative", "api.createCreative", "api.createCreative", "api.updateCreative"]);
    expect(entries.at(-1)?.objectId).toBe(text.id);
  });

  it("registers webhook endpoints (the secret in the first answer only, never in the log), refuses private addresses by field, and keeps them to all-program keys", async () => {
    type Endpoint = { id: string; url: string; enabled: boolean; events: string[]; secretTail: string; secret?: string };
    const bad = await problem(await call(full.secret, "POST", "/webhook-endpoints", { url: "http://10.0.0.7/hooks", events: ["partner.exploded"] }), 422);
    expect(bad.errors.map((e) => e.field).sort()).toEqual(["events.0", "url"]);
    const made = await json<Endpoint>(await call(full.secret, "POST", "/webhook-endpoints", { url: "https://hooks.example.com/touchpoint", events: ["payout_batch.paid"] }), 201);
    expect(made).toMatchObject({ url: "https://hooks.example.com/touchpoint", enabled: true, events: ["payout_batch.paid"], secret: expect.stringMatching(/^whsec_/) });
    expect(made.secret!.endsWith(made.secretTail)).toBe(true);
    const got = await json<Endpoint>(await call(full.secret, "GET", `/webhook-endpoints/${made.id}`));
    expect(got).not.toHaveProperty("secret");
    expect((await json<Endpoint>(await call(full.secret, "PATCH", `/webhook-endpoints/${made.id}`, { enabled: false }))).enabled).toBe(false);
    expect((await json<{ data: Endpoint[] }>(await call(full.secret, "GET", "/webhook-endpoints"))).data.map((e) => [e.id, e.enabled])).toEqual([[made.id, false]]);
    expect((await problem(await call(full.secret, "GET", "/webhook-endpoints/whe_missing"), 404)).code).toBe("not_found");
    expect((await problem(await call(scoped, "GET", "/webhook-endpoints"), 403)).code).toBe("program_scoped_key");
    expect((await problem(await call(couponsOnly, "GET", "/webhook-endpoints"), 403)).code).toBe("insufficient_scope");
    const logged = await t.db.select().from(auditLog).where(like(auditLog.action, "api.%WebhookEndpoint"));
    expect(logged.map((e) => e.action).sort()).toEqual(["api.createWebhookEndpoint", "api.updateWebhookEndpoint"]);
    expect(JSON.stringify(logged)).not.toContain(made.secret);
  });

  it("lists clicks in a creation-time window far back in the log, newest first", async () => {
    const code = await linkCode(t.db, ann.partnerId, two.offerId);
    const day = 86_400_000;
    const now = Date.now();
    const old = await click(t.db, code, new Date(now - 40 * day));
    const older = await click(t.db, code, new Date(now - 40 * day - 3_600_000));
    const recent = await click(t.db, code, new Date(now - 10 * day));
    const window = (from: number, to: number) => `createdAfter=${encodeURIComponent(new Date(from).toISOString())}&createdBefore=${encodeURIComponent(new Date(to).toISOString())}`;
    const ids = async (q: string) => (await json<Page<{ id: string }>>(await call(full.secret, "GET", `/clicks?partnerId=${ann.partnerId}&${q}`))).data.map((c) => c.id);
    expect(await ids(window(now - 41 * day, now - 39 * day))).toEqual([old, older]);
    expect(await ids(window(now - 40 * day - 1_800_000, now - 39 * day))).toEqual([old]);
    expect(await ids(window(now - 40 * day, now))).toEqual([recent, old]);
    expect(await ids(window(now - 5 * day, now))).toEqual([]);
  });
});
