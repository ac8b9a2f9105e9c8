import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, mailMessages, partnerDocuments } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { createCaller } from "@/server/trpc/root";
import { localStorage } from "@/server/storage/local-storage";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makeMember, makePartner, makeProgram } from "@/test/factories";
import { decryptDocument, documentKey, encryptDocument } from "./encryption";
import { purgeExpiredDocuments, sendExpiryReminders } from "./housekeeping";
import { readDocument } from "./read-document";
import { saveOperatorSettings } from "./billing";
import { uploadDocument } from "./upload-document";

/** A real (tiny) PDF and PNG: the checks read their bytes. */
export const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
export const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0e1a1b50000000049454e44ae426082", "hex");
const newKey = () => documentKey(randomBytes(32).toString("base64"));

describe("document encryption", () => {
  it("round-trips, and fails with another key or on another document's row", () => {
    const k = newKey();
    const sealed = encryptDocument(k, "doc_a", PDF);
    expect(Buffer.from(sealed).includes(Buffer.from("%PDF"))).toBe(false);
    expect(Buffer.from(decryptDocument(k, "doc_a", sealed))).toEqual(PDF);
    expect(() => decryptDocument(newKey(), "doc_a", sealed)).toThrow();
    expect(() => decryptDocument(k, "doc_b", sealed)).toThrow();
  });
});

describe.each(await drivers())("partner documents on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let a: Awaited<ReturnType<typeof makePartner>>;
  let b: Awaited<ReturnType<typeof makePartner>>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-docs-"));
  const store = localStorage(dir);
  const key = newKey();
  // the disk store keeps objects under <root>/objects/<key>; keys are lower case
  const folderOf = (partnerId: string) => path.join(dir, "objects", "documents", partnerId.toLowerCase());
  const filesOf = (partnerId: string) => (fs.existsSync(folderOf(partnerId)) ? fs.readdirSync(folderOf(partnerId)).map((f) => f.toUpperCase().replace(/^DOC_/, "doc_")) : []);

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    await makeProgram(t.db);
    a = await makePartner(t.db, admin);
    b = await makePartner(t.db, admin);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stores the file encrypted: the bytes on disk are not the upload, and decrypt back to it", async () => {
    const { id } = await uploadDocument(t.db, store, key, { partnerId: a.partnerId, type: "w8ben", fileName: "w8ben.pdf", bytes: PDF });
    const [row] = await t.db.select().from(partnerDocuments).where(eq(partnerDocuments.id, id));
    expect(row).toMatchObject({ status: "pending", contentType: "application/pdf", size: PDF.length, keyId: key.id, storageKey: `documents/${a.partnerId}/${id}`.toLowerCase() });
    const onDisk = fs.readFileSync(path.join(folderOf(a.partnerId), id.toLowerCase()));
    expect(onDisk.length).toBeGreaterThan(PDF.length);
    expect(onDisk.includes(Buffer.from("%PDF"))).toBe(false);
    expect(onDisk.includes(Buffer.from("/Catalog"))).toBe(false);
    const read = await readDocument(t.db, store, key, id, { user: a.session, partnerId: a.partnerId });
    expect(Buffer.from(read.bytes)).toEqual(PDF);
    await expect(readDocument(t.db, store, newKey(), id, { user: a.session, partnerId: a.partnerId })).rejects.toThrow(/not the configured DOCUMENTS_KEY/);
  });

  it.each([
    ["an HTML page named .png", "passport.png", Buffer.from("<!doctype html><script>alert(document.cookie)</script>"), /not a type we recognise/],
    ["an SVG with script", "id.svg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), /upload a PDF, PNG or JPEG/],
    ["a GIF", "id.gif", Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"), /GIF file: upload a PDF, PNG or JPEG/],
    ["an empty file", "empty.pdf", Buffer.alloc(0), /empty/],
    ["a file over the limit", "big.pdf", Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), /limit is 10 MB/],
  ])("refuses %s with a clear message and keeps nothing", async (_name, fileName, bytes, message) => {
    const before = (await t.db.select().from(partnerDocuments).where(eq(partnerDocuments.partnerId, b.partnerId))).length;
    await expect(uploadDocument(t.db, store, key, { partnerId: b.partnerId, type: "identity", fileName, bytes })).rejects.toThrow(message);
    expect(await t.db.select().from(partnerDocuments).where(eq(partnerDocuments.partnerId, b.partnerId))).toHaveLength(before);
    expect(filesOf(b.partnerId)).toHaveLength(before);
  });

  it("keeps no file when the row cannot be written", async () => {
    await expect(uploadDocument(t.db, store, key, { partnerId: "prt_missing", type: "identity", fileName: "id.png", bytes: PNG })).rejects.toThrow();
    expect(filesOf("prt_missing")).toEqual([]);
  });

  it("a PNG carrying HTML after its image data is stored as a PNG and is only ever sent as an attachment", async () => {
    const polyglot = Buffer.concat([PNG, Buffer.from("<html><script>alert(1)</script></html>")]);
    const { id } = await uploadDocument(t.db, store, key, { partnerId: b.partnerId, type: "identity", fileName: "x.html", bytes: polyglot });
    const [row] = await t.db.select().from(partnerDocuments).where(eq(partnerDocuments.id, id));
    expect(row).toMatchObject({ contentType: "image/png", fileName: "x.png" });
    const { fileHeaders } = await import("./http");
    const headers = new Headers(fileHeaders(row!.contentType, row!.fileName));
    expect(headers.get("content-disposition")).toBe('attachment; filename="x.png"');
    expect(headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("serves a document to its partner and to documents:read only, and audits every attempt", async () => {
    const [doc] = await t.db.select().from(partnerDocuments).where(eq(partnerDocuments.partnerId, a.partnerId));
    const id = doc!.id;
    const viewer = await makeMember(t.db, "viewer");
    const finance = await makeMember(t.db, "finance");
    const support = await makeMember(t.db, "support");
    await expect(readDocument(t.db, store, key, id, { user: b.session, partnerId: b.partnerId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(readDocument(t.db, store, key, id, { user: viewer, partnerId: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(readDocument(t.db, store, key, id, { user: finance, partnerId: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(Buffer.from((await readDocument(t.db, store, key, id, { user: support, partnerId: null, ip: "198.51.100.9" })).bytes)).toEqual(PDF);
    expect(Buffer.from((await readDocument(t.db, store, key, id, { user: admin, partnerId: null })).bytes)).toEqual(PDF);
    const views = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "documents.view"), eq(auditLog.objectId, id)));
    const byActor = (u: SessionUser) => views.filter((v) => v.actorId === u.id).map((v) => v.outcome);
    expect(byActor(b.session)).toEqual(["failed"]);
    expect(byActor(viewer)).toEqual(["failed"]);
    expect(byActor(finance)).toEqual(["failed"]);
    expect(byActor(support)).toEqual(["ok"]);
    expect(byActor(admin)).toEqual(["ok"]);
    expect(byActor(a.session)).toContain("ok");
    expect(views.find((v) => v.actorId === support.id)?.ip).toBe("198.51.100.9");
  });

  it("the review queue and the decision need the documents permissions; a rejection mails the reason", async () => {
    const [doc] = await t.db.select().from(partnerDocuments).where(and(eq(partnerDocuments.partnerId, b.partnerId), eq(partnerDocuments.status, "pending")));
    const viewer = await makeMember(t.db, "viewer");
    await expect(createCaller({ db: t.db, user: viewer }).documents.queue({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createCaller({ db: t.db, user: viewer }).documents.review({ documentId: doc!.id, decision: "approve" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const api = createCaller({ db: t.db, user: admin });
    expect((await api.documents.queue({})).map((d) => d.id)).toContain(doc!.id);
    await expect(api.documents.review({ documentId: doc!.id, decision: "reject" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await api.documents.review({ documentId: doc!.id, decision: "reject", reason: "The photo is blurred; please scan it again." });
    const [mail] = await t.db.select().from(mailMessages).where(and(eq(mailMessages.to, b.email), eq(mailMessages.template, "document_rejected")));
    expect(mail?.text).toContain("The photo is blurred");
    await expect(api.documents.review({ documentId: doc!.id, decision: "approve" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("reminds once before expiry, and deletes files past the retention period but keeps the record", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const { id } = await uploadDocument(t.db, store, key, { partnerId: a.partnerId, type: "identity", fileName: "id.png", bytes: PNG, expiresAt: new Date("2030-01-20T00:00:00Z"), now: new Date("2029-12-01T00:00:00Z") });
    await createCaller({ db: t.db, user: admin }).documents.review({ documentId: id, decision: "approve" });
    expect(await sendExpiryReminders(t.db, now)).toEqual({ reminded: 1 });
    expect(await sendExpiryReminders(t.db, now)).toEqual({ reminded: 0 });
    const reminders = await t.db.select().from(mailMessages).where(and(eq(mailMessages.to, a.email), eq(mailMessages.template, "document_expiring")));
    expect(reminders.map((m) => m.subject)).toEqual([expect.stringContaining("expires on 2030-01-20")]);

    await saveOperatorSettings(t.db, { legalName: "Operator Ltd", address: "1 Harbour St, Valletta", country: "MT", vatNumber: "MT12345678", documentRetentionDays: 30 });
    const api = createCaller({ db: t.db, user: admin });
    await expect(api.documents.delete({ documentId: id })).rejects.toMatchObject({ code: "CONFLICT" });
    const keyOf = async () => (await t.db.select({ key: partnerDocuments.storageKey }).from(partnerDocuments).where(eq(partnerDocuments.id, id)))[0]?.key;
    // 21 days after it expired it stays (the partner's rejected upload of 2026 goes: long past 30 days)
    expect(await purgeExpiredDocuments(t.db, store, new Date("2030-02-10T00:00:00Z"))).toEqual({ deleted: 1 });
    expect(await keyOf()).not.toBeNull();
    // 31 days after it expired, its file goes; the row stays as the record of what was given and decided
    expect(await purgeExpiredDocuments(t.db, store, new Date("2030-02-20T00:00:00Z"))).toEqual({ deleted: 1 });
    const [row] = await t.db.select().from(partnerDocuments).where(eq(partnerDocuments.id, id));
    expect(row).toMatchObject({ storageKey: null, status: "approved" });
    expect(row?.deletedAt).toBeInstanceOf(Date);
    expect(filesOf(a.partnerId)).not.toContain(id);
    await expect(readDocument(t.db, store, key, id, { user: admin, partnerId: null })).rejects.toThrow(/retention/);
  });
});
