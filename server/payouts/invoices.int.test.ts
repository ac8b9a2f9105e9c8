import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commissions, partnerInvoices } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { approveCommissions } from "@/server/commissions/review-commissions";
import { recordPostback } from "@/server/conversions/record-postback";
import { saveOperatorSettings, savePartnerBilling } from "@/server/documents/billing";
import { documentKey } from "@/server/documents/encryption";
import { saveRequirement } from "@/server/documents/requirements";
import { uploadDocument } from "@/server/documents/upload-document";
import { processConversionSteps } from "@/server/jobs/functions/process-conversion";
import { immediateSteps } from "@/server/jobs/step";
import { approvePayoutBatch, markBatchPaid } from "@/server/payouts/batch-status";
import { createPayoutBatch, payable } from "@/server/payouts/create-payout-batch";
import { savePayoutDetails } from "@/server/payouts/payout-details";
import { localStorage } from "@/server/storage/local-storage";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { REVERSE_CHARGE_NOTE } from "./render-invoice-pdf";

/** The text a PDF draws: its content streams inflated, and the strings of their Tj operators decoded. */
function pdfText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString("latin1");
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let body = Buffer.from(m[1]!, "latin1");
    try {
      body = inflateSync(body);
    } catch {
      // an uncompressed stream is read as it is
    }
    for (const s of body.toString("latin1").matchAll(/<([0-9A-Fa-f]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g)) out.push(s[1] !== undefined ? Buffer.from(s[1], "hex").toString("latin1") : s[2]!);
  }
  return out.join("\n");
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

describe.each(await drivers())("payout gating and self-billing invoices on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let eur: Awaited<ReturnType<typeof makeProgram>>;
  let usd: Awaited<ReturnType<typeof makeProgram>>;
  let us: Awaited<ReturnType<typeof makePartner>>;
  let de: Awaited<ReturnType<typeof makePartner>>;
  let txn = 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-inv-"));
  const store = localStorage(dir);
  const key = documentKey(randomBytes(32).toString("base64"));

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    eur = await makeProgram(t.db, { currency: "EUR", terms: { currency: "EUR", components: { cpa: { event: "ftd", amount: 30_000n } } } });
    usd = await makeProgram(t.db, { currency: "USD", cpaAmount: 12_345 });
    us = await makePartner(t.db, admin);
    de = await makePartner(t.db, admin);
    await savePayoutDetails(t.db, us.partnerId, { method: "paypal", email: "us@partner.example" });
    await savePayoutDetails(t.db, de.partnerId, { method: "paypal", email: "de@partner.example" });
    await savePartnerBilling(t.db, us.partnerId, { legalName: "US Media LLC", address: "1 Main St, Austin TX", country: "US", isBusiness: true });
    await savePartnerBilling(t.db, de.partnerId, { legalName: "Deutsche Partner GmbH", address: "Hauptstr. 1, 10115 Berlin", country: "DE", vatNumber: "DE 123456789", isBusiness: true });
    await saveOperatorSettings(t.db, { legalName: "Operator Gaming Ltd", address: "1 Harbour Street, Valletta", country: "MT", vatNumber: "MT12345678", email: "billing@operator.example", documentRetentionDays: 1825 });
    await saveRequirement(t.db, { type: "w8ben", label: "Form W-8BEN", scope: "except", countries: ["US"], blocksPayouts: true });
    await saveRequirement(t.db, { type: "w9", label: "Form W-9", scope: "only", countries: ["US"], blocksPayouts: false });
  });
  afterEach(() => expectLedgerInvariants(t.db));
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function approved(partnerId: string, program: { token: string; offerId: string }) {
    const r = await recordPostback(t.db, { token: program.token, click_id: await click(t.db, await linkCode(t.db, partnerId, program.offerId)), event: "ftd", txn_id: `inv-${txn++}` });
    if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
    await processConversionSteps(t.db, immediateSteps, { conversionId: r.conversionId });
    const [c] = await t.db.select({ id: commissions.id }).from(commissions).where(eq(commissions.conversionId, r.conversionId));
    await approveCommissions(t.db, { commissionIds: [c!.id], actorId: admin.id });
  }
  async function pay(batchId: string, reference: string) {
    await approvePayoutBatch(t.db, { batchId, actorId: admin.id });
    await markBatchPaid(t.db, { batchId, reference, actorId: admin.id });
  }

  it("holds a partner without an approved W-8BEN, says why, and pays them once it is approved", async () => {
    await approved(us.partnerId, eur);
    await approved(de.partnerId, eur);
    const rows = await payable(t.db, "EUR");
    expect(rows.find((r) => r.partnerId === de.partnerId)).toMatchObject({ due: false, missingDocuments: ["Form W-8BEN"] });
    // the W-9 does not block payouts, and the W-8BEN does not apply in the US
    expect(rows.find((r) => r.partnerId === us.partnerId)).toMatchObject({ due: true, missingDocuments: [] });
    const first = await createPayoutBatch(t.db, { currency: "EUR", actorId: admin.id });
    expect(first).toMatchObject({ partnerCount: 1, total: 30_000 });
    expect(first.skipped).toEqual([{ partnerId: de.partnerId, name: expect.any(String), reason: "documents not approved: Form W-8BEN" }]);
    await pay(first.batchId!, "EUR-RUN-1");

    // uploaded but not yet approved: still held
    const { id } = await uploadDocument(t.db, store, key, { partnerId: de.partnerId, type: "w8ben", fileName: "w8ben.pdf", bytes: PDF });
    expect((await payable(t.db, "EUR")).find((r) => r.partnerId === de.partnerId)?.due).toBe(false);
    await createCaller({ db: t.db, user: admin }).documents.review({ documentId: id, decision: "approve" });
    const second = await createPayoutBatch(t.db, { currency: "EUR", actorId: admin.id });
    expect(second).toMatchObject({ partnerCount: 1, total: 30_000, skipped: [] });
    await pay(second.batchId!, "EUR-RUN-2");
    const invoices = await t.db.select().from(partnerInvoices).where(eq(partnerInvoices.kind, "invoice")).orderBy(partnerInvoices.seq);
    expect(invoices.map((i) => [i.number, i.partnerId, i.amount])).toEqual([
      ["SB-000001", us.partnerId, 30_000],
      ["SB-000002", de.partnerId, 30_000],
    ]);
  });

  it("issues a PDF with both parties' details, and the reverse charge only for the EU cross-border business", async () => {
    const [deInvoice] = await t.db.select().from(partnerInvoices).where(and(eq(partnerInvoices.partnerId, de.partnerId), eq(partnerInvoices.kind, "invoice")));
    const [usInvoice] = await t.db.select().from(partnerInvoices).where(and(eq(partnerInvoices.partnerId, us.partnerId), eq(partnerInvoices.kind, "invoice")));
    const pdf = Buffer.from(deInvoice!.pdf);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf);
    for (const s of ["Self-billing invoice", "Number SB-000002", "Deutsche Partner GmbH", "VAT DE123456789", "Operator Gaming Ltd", "VAT MT12345678", "300.00 EUR", "Payment reference EUR-RUN-2", REVERSE_CHARGE_NOTE.split("\n")[0]!]) expect(text).toContain(s);
    expect(deInvoice!.fields).toMatchObject({ reverseCharge: true, total: 30_000, currency: "EUR", partner: { vatNumber: "DE123456789", country: "DE" }, operator: { vatNumber: "MT12345678" } });
    expect(usInvoice!.fields.reverseCharge).toBe(false);
    expect(pdfText(usInvoice!.pdf)).not.toContain("Reverse charge");
  });

  it("numbers invoices without gaps when batches are paid at the same time", async () => {
    await approved(us.partnerId, usd);
    await approved(de.partnerId, usd);
    await approved(us.partnerId, eur);
    await approved(de.partnerId, eur);
    const batches = await Promise.all(["EUR", "USD"].map((currency) => createPayoutBatch(t.db, { currency, actorId: admin.id })));
    await Promise.all(batches.map((b, i) => pay(b.batchId!, `PARALLEL-${i}`)));
    const seqs = (await t.db.select({ seq: partnerInvoices.seq }).from(partnerInvoices).where(eq(partnerInvoices.kind, "invoice"))).map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("never changes an issued invoice: a correction is a credit note with its own gapless number, once per invoice", async () => {
    const [first] = await t.db.select().from(partnerInvoices).where(eq(partnerInvoices.number, "SB-000001"));
    await expect(t.db.execute(sql`update partner_invoices set amount = 1 where id = ${first!.id}`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from partner_invoices where id = ${first!.id}`)).rejects.toThrow();
    const [second] = await t.db.select().from(partnerInvoices).where(eq(partnerInvoices.number, "SB-000002"));
    const api = createCaller({ db: t.db, user: admin });
    // two credit notes for each of two invoices at once: one each lands, the refused ones use no number
    const results = await Promise.allSettled([first, second, first, second].map((inv) => api.invoices.creditNote({ invoiceId: inv!.id, reason: "Commission reversed after a chargeback" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    const notes = await t.db.select().from(partnerInvoices).where(eq(partnerInvoices.kind, "credit_note")).orderBy(partnerInvoices.seq);
    expect(notes.map((n) => n.number)).toEqual(["CN-000001", "CN-000002"]);
    const note = notes.find((n) => n.creditsInvoiceId === first!.id)!;
    expect(note).toMatchObject({ amount: -30_000, partnerId: us.partnerId });
    const text = pdfText(note.pdf);
    for (const s of ["Credit note", "Credits invoice SB-000001", "-300.00 EUR", "Reason: Commission reversed after a chargeback"]) expect(text).toContain(s);
    const [unchanged] = await t.db.select().from(partnerInvoices).where(eq(partnerInvoices.id, first!.id));
    expect(Buffer.from(unchanged!.pdf)).toEqual(Buffer.from(first!.pdf));
  });

  it("lists a partner's own invoices only", async () => {
    const mine = await createCaller({ db: t.db, user: de.session }).invoices.mine();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.partnerId === de.partnerId)).toBe(true);
    const { invoicePdf } = await import("./issue-invoices");
    const [usInvoice] = await t.db.select().from(partnerInvoices).where(eq(partnerInvoices.partnerId, us.partnerId)).limit(1);
    await expect(invoicePdf(t.db, usInvoice!.id, de.partnerId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await invoicePdf(t.db, usInvoice!.id, null)).fileName).toMatch(/^(SB|CN)-\d{6}\.pdf$/);
  });
});
