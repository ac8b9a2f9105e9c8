import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { creativeImpressions, creatives } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { config } from "@/server/config";
import { saveGroup, setPartnerGroups } from "@/server/partners/groups";
import { setStorage } from "@/server/storage";
import { localStorage } from "@/server/storage/local-storage";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { b64, gif, png } from "@/test/images";
import { GET as impressionRoute } from "@/app/api/creatives/[id]/i/route";
import { runReport } from "@/server/reports/run-report";
import { drainRollups } from "@/server/reports/run-rollups";
import { reportQuerySchema } from "@/server/reports/schemas";
import { MAX_FILE_BYTES } from "./limits";
import { creativeFileResponse } from "./serve-creative";
import { buildSnippet, impressionUrl, trackingUrl } from "./snippets";

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const root = fs.mkdtempSync(path.join(os.tmpdir(), "tp-creatives-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function storedFiles(dir = path.join(root, "objects")): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? storedFiles(path.join(dir, e.name)) : [e.name]));
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; field: string | null }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    const cause = e.cause as { field?: string; issues?: { path: (string | number)[] }[] } | undefined;
    return { code: e.code, message: e.message, field: cause?.field ?? cause?.issues?.[0]?.path.join(".") ?? null };
  }
  throw new Error("expected a refusal");
}

describe.each(await drivers())("creatives on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let offerId: string;
  let gold: Awaited<ReturnType<typeof makePartner>>;
  let plain: Awaited<ReturnType<typeof makePartner>>;
  let goldGroup: string;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });
  const base = () => ({ offerId, name: "Leaderboard", tags: [], groupIds: [] as string[] });

  beforeAll(async () => {
    t = await createTestDb(driver);
    setStorage(localStorage(path.join(root, driver)));
    admin = await makeAdmin(t.db);
    ({ offerId } = await makeProgram(t.db));
    gold = await makePartner(t.db, admin);
    plain = await makePartner(t.db, admin);
    ({ groupId: goldGroup } = await saveGroup(t.db, { name: `Gold ${driver}` }));
    await setPartnerGroups(t.db, { partnerId: gold.partnerId, groupIds: [goldGroup] });
  });
  afterAll(async () => {
    setStorage(undefined);
    await t.close();
  });

  describe("refused uploads keep nothing", () => {
    const files = () => storedFiles(path.join(root, driver, "objects"));
    let before: { rows: number; files: string[] };
    beforeEach(async () => {
      before = { rows: (await t.db.select().from(creatives)).length, files: files() };
    });
    const upload = (name: string, bytes: Buffer) => as(admin).creatives.create({ ...base(), kind: "image", file: { name, data: b64(bytes) } });

    it.each([
      ["a PNG with an HTML page appended (polyglot)", "banner.png", () => Buffer.concat([png(8, 8), Buffer.from("<html><script>alert(document.domain)</script></html>")]), /data after its end/],
      ["a GIF/JavaScript polyglot", "banner.gif", () => Buffer.from("GIF89a/*\x00\x00\x00\x00\x00\x00*/=1;alert(document.cookie);//;"), /pixels|damaged|script/],
      ["a PNG carrying a script in a text chunk", "banner.png", () => {
        const p = png(4, 4);
        const iend = p.subarray(p.length - 12);
        const text = Buffer.from("\x00\x00\x00\x1btEXtComment\x00<script>alert(1)</script>\x00\x00\x00\x00", "latin1");
        return Buffer.concat([p.subarray(0, p.length - 12), text, iend]);
      }, /HTML or script/],
      ["an SVG with a script", "banner.svg", () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'), /SVG files are not accepted/],
      ["an SVG named .png", "banner.png", () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), /SVG files are not accepted/],
      ["an HTML page named .png", "banner.png", () => Buffer.from("<!doctype html><html><body><script>alert(document.domain)</script></body></html>"), /HTML or XML text, not an image/],
      ["a PDF", "banner.png", () => Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF"), /application\/pdf, not an image we accept/],
      ["an image over the pixel limit", "huge.png", () => png(4500, 4500, { headerOnly: true }), /4500×4500 pixels \(20\.3 megapixels\); at most 16 megapixels/],
      ["an image over the side limit", "wide.png", () => png(6000, 10, { headerOnly: true }), /each side may be at most 5000 pixels/],
      ["a file over the size limit", "big.png", () => Buffer.concat([png(8, 8).subarray(0, 33), Buffer.alloc(MAX_FILE_BYTES + 10)]), /banners may be at most 640 KB/],
    ])("%s", async (_label, name, bytes, message) => {
      const r = await refusal(upload(name, bytes()));
      expect(r.code).toBe("BAD_REQUEST");
      expect(r.field).toBe("file");
      expect(r.message).toMatch(message);
      expect((await t.db.select().from(creatives)).length).toBe(before.rows);
      expect(files()).toEqual(before.files);
    });

    it("a file far over the limit is refused by the input schema, naming the field", async () => {
      const r = await refusal(upload("huge.png", Buffer.alloc(MAX_FILE_BYTES * 2)));
      expect(r.code).toBe("BAD_REQUEST");
      expect(r.field).toBe("file.data");
      expect((await t.db.select().from(creatives)).length).toBe(before.rows);
    });

    it("an image kind without a file, and a snippet without {link}, name their fields", async () => {
      expect((await refusal(as(admin).creatives.create({ ...base(), kind: "image" }))).field).toBe("file");
      expect((await refusal(as(admin).creatives.create({ ...base(), kind: "html", body: "<b>no link</b>" }))).field).toBe("body");
      expect((await refusal(as(admin).creatives.create({ ...base(), kind: "email", body: "Go {link}" }))).field).toBe("subject");
    });
  });

  it("serves a banner with safe headers, counts impressions over the real route, and puts the partner's link in the snippet", async () => {
    const { creativeId } = await as(admin).creatives.create({ ...base(), kind: "image", altText: "Play now", tags: ["Sports"], language: "en", file: { name: "leaderboard.png", data: b64(png(728, 90)) } });
    const [row] = await t.db.select().from(creatives).where(eq(creatives.id, creativeId));
    expect(row).toMatchObject({ width: 728, height: 90, fileType: "image/png", tags: ["sports"] });

    // the partner's library holds it with their own link; the snippet carries that link with the sub-IDs they picked
    const lib = await as(plain.session).creatives.library({ size: "728x90" });
    const item = lib.items.find((i) => i.id === creativeId);
    expect(item?.links.length).toBeGreaterThan(0);
    const link = item!.links[0]!;
    const code = await linkCode(t.db, plain.partnerId, offerId);
    expect(link.code).toBe(code);
    const appUrl = config().appUrl;
    const url = trackingUrl(appUrl, link, { sub1: "newsletter", sub2: "may" });
    expect(url).toBe(`${appUrl}/r/${code}?sub1=newsletter&sub2=may`);
    const img = impressionUrl(appUrl, creativeId, link);
    const html = buildSnippet(item!, "html", url, img);
    expect(html).toContain(`href="${appUrl}/r/${code}?sub1=newsletter&amp;sub2=may"`);
    expect(html).toContain(`src="${appUrl}/api/creatives/${creativeId}/i?p=${code}"`);
    expect(html).toContain('width="728" height="90"');
    expect(buildSnippet(item!, "markdown", url, img)).toBe(`[![Play now](${img})](${url})`);
    expect(buildSnippet(item!, "bbcode", url, img)).toBe(`[url=${url}][img]${img}[/img][/url]`);

    // the embedded image, through the real route handler: plain image headers, and one impression per request
    for (let i = 0; i < 3; i++) {
      const res = await impressionRoute(new Request(img), { params: Promise.resolve({ id: creativeId }) });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(Buffer.from(await res.arrayBuffer()).equals(png(728, 90))).toBe(true);
    }
    // an unknown code gets the image, uncounted; a wrong id is a 404
    expect((await impressionRoute(new Request(`${appUrl}/api/creatives/${creativeId}/i?p=nope`), { params: Promise.resolve({ id: creativeId }) })).status).toBe(200);
    expect((await impressionRoute(new Request(`${appUrl}/api/creatives/x/i`), { params: Promise.resolve({ id: "../../etc/passwd" }) })).status).toBe(404);
    const counted = await t.db.select().from(creativeImpressions).where(eq(creativeImpressions.creativeId, creativeId));
    expect(counted.map((c) => [c.partnerId, c.impressions])).toEqual([[plain.partnerId, 3]]);
    expect((await as(admin).creatives.list({})).items.find((c) => c.id === creativeId)?.impressions).toBe(3);
    expect((await as(plain.session).creatives.library({})).items.find((c) => c.id === creativeId)?.impressions).toBe(3);
    expect((await as(gold.session).creatives.library({})).items.find((c) => c.id === creativeId)?.impressions).toBe(0);
    // ... and in the reports, once the rollup worker has passed: by partner for the admin, their own for the partner
    await drainRollups(t.db);
    const today = new Date().toISOString().slice(0, 10);
    const span = { from: addDays(today, -1), to: addDays(today, 1) };
    const byPartner = await runReport(t.db, reportQuerySchema.parse({ ...span, dimensions: ["partner"], filters: { offer: offerId } }), { kind: "admin" });
    expect(byPartner.rows.find((r) => r.key.partner === plain.partnerId)?.values.impressions).toBe(3);
    expect(byPartner.totals.impressions).toBe(3);
    expect((await runReport(t.db, reportQuerySchema.parse({ ...span, filters: { offer: offerId } }), { kind: "partner", partnerId: plain.partnerId })).totals.impressions).toBe(3);
    expect((await runReport(t.db, reportQuerySchema.parse({ ...span, filters: { offer: offerId } }), { kind: "partner", partnerId: gold.partnerId })).totals.impressions).toBe(0);
    // counted once: another pass folds nothing more
    await drainRollups(t.db);
    expect((await runReport(t.db, reportQuerySchema.parse({ ...span, filters: { offer: offerId } }), { kind: "admin" })).totals.impressions).toBe(3);

    // the file route: inline for the plain image, attachment on download, same protective headers
    const inline = await creativeFileResponse(t.db, localStorage(path.join(root, driver)), { creativeId, viewer: { kind: "partner", partnerId: plain.partnerId }, download: false });
    expect(inline.headers.get("content-disposition")).toBe('inline; filename="leaderboard.png"');
    expect(inline.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    const download = await creativeFileResponse(t.db, localStorage(path.join(root, driver)), { creativeId, viewer: { kind: "team" }, download: true });
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("never serves an HTML snippet as HTML, and fills in the partner's link", async () => {
    const snippet = '<div class="promo"><a href="{link}">Claim 100% bonus</a><script>track()</script></div>';
    const { creativeId } = await as(admin).creatives.create({ ...base(), kind: "html", name: "Promo box", body: snippet });
    const res = await creativeFileResponse(t.db, localStorage(path.join(root, driver)), { creativeId, viewer: { kind: "partner", partnerId: plain.partnerId }, download: false });
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="Promo box.html"');
    expect(res.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    expect(await res.text()).toBe(snippet);
    // no image URL exists for it
    expect((await impressionRoute(new Request(`http://localhost/api/creatives/${creativeId}/i`), { params: Promise.resolve({ id: creativeId }) })).status).toBe(404);
    const item = (await as(plain.session).creatives.library({ kind: "html" })).items.find((i) => i.id === creativeId)!;
    const url = trackingUrl("https://t.example", item.links[0]!, { sub1: 'a"b' });
    expect(buildSnippet(item, "html", url, "")).toBe(snippet.replace("{link}", url.replace(/&/g, "&amp;").replace(/"/g, "&quot;")));
  });

  it("shows partners only the creatives visible to their groups, live and not archived", async () => {
    const mk = (name: string, extra: object) => as(admin).creatives.create({ ...base(), kind: "text_link", name, body: `Join ${name}`, ...extra });
    const { creativeId: goldOnly } = await mk("gold-only", { groupIds: [goldGroup] });
    const { creativeId: everyone } = await mk("everyone", {});
    const { creativeId: ended } = await mk("ended", { startsOn: "2020-01-01", endsOn: "2020-01-31" });
    const { creativeId: future } = await mk("future", { startsOn: "2999-01-01" });
    const { creativeId: archived } = await mk("archived", {});
    await as(admin).creatives.setStatus({ creativeId: archived, status: "archived" });
    const ids = async (s: SessionUser) => (await as(s).creatives.library({ kind: "text_link" })).items.map((i) => i.id);
    const goldSees = await ids(gold.session);
    const plainSees = await ids(plain.session);
    expect(goldSees).toContain(goldOnly);
    expect(goldSees).toContain(everyone);
    expect(plainSees).toContain(everyone);
    for (const hidden of [ended, future, archived]) expect([...goldSees, ...plainSees]).not.toContain(hidden);
    expect(plainSees).not.toContain(goldOnly);
    // nor can the other partner fetch its file by id
    const res = await creativeFileResponse(t.db, localStorage(path.join(root, driver)), { creativeId: goldOnly, viewer: { kind: "partner", partnerId: plain.partnerId }, download: false });
    expect(res.status).toBe(404);
    // the admin sees all, archived ones on request
    expect((await as(admin).creatives.list({ status: "all" })).items.map((i) => i.id)).toEqual(expect.arrayContaining([goldOnly, everyone, ended, future, archived]));
    expect((await as(admin).creatives.list({})).items.map((i) => i.id)).not.toContain(archived);
  });

  it("an impression from a partner who may not see the creative is not counted", async () => {
    const { creativeId } = await as(admin).creatives.create({ ...base(), kind: "image", groupIds: [goldGroup], file: { name: "g.gif", data: b64(gif()) } });
    const plainCode = await linkCode(t.db, plain.partnerId, offerId);
    const goldCode = await linkCode(t.db, gold.partnerId, offerId);
    for (const code of [plainCode, goldCode]) await impressionRoute(new Request(`http://localhost/api/creatives/${creativeId}/i?p=${code}`), { params: Promise.resolve({ id: creativeId }) });
    const counted = await t.db.select().from(creativeImpressions).where(eq(creativeImpressions.creativeId, creativeId));
    expect(counted.map((c) => c.partnerId)).toEqual([gold.partnerId]);
  });

  it("replacing a banner writes a new version and removes the old file", async () => {
    const { creativeId } = await as(admin).creatives.create({ ...base(), kind: "image", file: { name: "a.png", data: b64(png(300, 250)) } });
    const [v1] = await t.db.select().from(creatives).where(eq(creatives.id, creativeId));
    const refused = await refusal(as(admin).creatives.update({ creativeId, name: "MPU", tags: [], groupIds: [], file: { name: "x.png", data: b64("<html></html>") } }));
    expect(refused.field).toBe("file");
    await as(admin).creatives.update({ creativeId, name: "MPU", tags: ["new"], groupIds: [], file: { name: "b.png", data: b64(png(320, 50)) } });
    const [v2] = await t.db.select().from(creatives).where(eq(creatives.id, creativeId));
    expect(v2).toMatchObject({ version: 2, width: 320, height: 50, name: "MPU", tags: ["new"] });
    const files = storedFiles(path.join(root, driver, "objects", "creatives", creativeId.toLowerCase()));
    expect(files).toEqual([path.basename(v2!.fileKey!)]);
    expect(v1!.fileKey).not.toBe(v2!.fileKey);
  });
});
