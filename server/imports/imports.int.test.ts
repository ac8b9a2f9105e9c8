import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { auditLog, commissions, conversions, coupons, customerBindings, importRows, imports, ledgerEntries, links, partnerPayoutDetails, partners, partnerSponsors, payoutBatchPartners, users } from "@/db/schema";
import { previewReattribution } from "@/server/attribution/reattribute";
import { recordPostback } from "@/server/conversions/record-postback";
import { approvePayoutBatch, markBatchPaid } from "@/server/payouts/batch-status";
import { createPayoutBatch } from "@/server/payouts/create-payout-batch";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { accruedCommission, BROWSER_UA, makeAdmin, makeMember, makeProgram } from "@/test/factories";
import { createCaller } from "@/server/trpc/root";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import type { SessionUser } from "@/server/auth/authenticate";
import { handleClick, handleLegacyClick } from "@/server/tracking/handle-click";
import { PRESET_NAMES, PRESETS, type PresetName } from "./presets";
import { runImport, summaryLine } from "./run-import";

const FIXTURES = path.join(process.cwd(), "test/fixtures/imports");
const KINDS = ["partners", "customers", "conversions"] as const;
const sample = (preset: string, kind: string) => path.join(FIXTURES, preset, `${kind}.csv`);

describe.each(await drivers())("importers on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  const programs = new Map<PresetName, Awaited<ReturnType<typeof makeProgram>>>();
  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    for (const preset of PRESET_NAMES) programs.set(preset, await makeProgram(t.db));
  });
  afterAll(() => t.close());

  const importFile = (preset: PresetName, kind: string, dryRun = false) =>
    runImport(t.db, { preset, fileName: `${kind}.csv`, csv: fs.createReadStream(sample(preset, kind)), programId: programs.get(preset)!.programId, dryRun, actorId: admin.id, batchSize: 2 });

  /** Everything an import of this program writes, as comparable rows. */
  async function state(programId: string) {
    const ids = (await t.db.select({ id: importRows.targetId }).from(importRows).where(and(eq(importRows.programId, programId), eq(importRows.entity, "partners")))).map((r) => r.id);
    const of = <T>(rows: T[]) => rows;
    return {
      partners: of(await t.db.select({ id: partners.id, name: partners.name, status: partners.status, parent: partners.parentPartnerId }).from(partners).where(inArray(partners.id, ids.length ? ids : ["-"])).orderBy(partners.id)),
      links: of(await t.db.select({ alias: links.alias, partnerId: links.partnerId }).from(links).where(inArray(links.partnerId, ids.length ? ids : ["-"])).orderBy(links.alias)),
      ledger: of(await t.db.select({ partnerId: ledgerEntries.partnerId, amount: ledgerEntries.amount, currency: ledgerEntries.currency }).from(ledgerEntries).where(inArray(ledgerEntries.partnerId, ids.length ? ids : ["-"])).orderBy(ledgerEntries.partnerId)),
      sponsors: of(await t.db.select({ partnerId: partnerSponsors.partnerId, sponsorId: partnerSponsors.sponsorId }).from(partnerSponsors).where(inArray(partnerSponsors.partnerId, ids.length ? ids : ["-"])).orderBy(partnerSponsors.partnerId)),
      payout: of(await t.db.select({ partnerId: partnerPayoutDetails.partnerId, method: partnerPayoutDetails.method }).from(partnerPayoutDetails).where(inArray(partnerPayoutDetails.partnerId, ids.length ? ids : ["-"])).orderBy(partnerPayoutDetails.partnerId)),
      coupons: of(await t.db.select({ code: coupons.code, partnerId: coupons.partnerId }).from(coupons).where(eq(coupons.programId, programId)).orderBy(coupons.code)),
      bindings: of(await t.db.select({ customerId: customerBindings.customerId, partnerId: customerBindings.partnerId }).from(customerBindings).where(eq(customerBindings.programId, programId)).orderBy(customerBindings.customerId)),
      conversions: of(await t.db.select({ id: conversions.id, partnerId: conversions.partnerId, amount: conversions.amount }).from(conversions).where(eq(conversions.programId, programId)).orderBy(conversions.id)),
      commissions: of(
        await t.db
          .select({ id: commissions.id, amount: commissions.amount, importId: commissions.importId })
          .from(commissions)
          .where(inArray(commissions.partnerId, ids.length ? ids : ["-"]))
          .orderBy(commissions.id),
      ),
    };
  }

  it.each(PRESET_NAMES)("imports the %s samples, and a second run changes nothing", async (preset) => {
    const p = programs.get(preset)!;
    const kinds = KINDS.filter((k) => PRESETS[preset].kinds[k]);
    const first = [];
    for (const kind of kinds) first.push(await importFile(preset, kind));
    expect(first[0]).toMatchObject({ kind: "partners", ok: 3, refused: 1, skipped: 0 });
    expect(first[0]!.report.errors).toEqual([expect.objectContaining({ row: 5, column: PRESETS[preset].kinds.partners!.columns.email, reason: expect.stringContaining("not an e-mail") })]);
    expect(first[0]!.report.balances).toEqual([{ currency: "USD", fileTotal: 18_550, imported: 18_550 }]);
    expect(first.at(-1)).toMatchObject({ kind: "conversions", ok: 3, refused: 0 });
    const after = await state(p.programId);
    expect(after.partners).toHaveLength(3);
    const [alice, bob, carol] = ["alice", "bob", "carol"].map((n) => after.partners.find((x) => x.name.toLowerCase().startsWith(n))!);
    const columns = PRESETS[preset].kinds.partners!.columns;
    if (columns.parent_id) {
      expect(bob!.parent).toBe(alice!.id);
      expect(after.sponsors).toEqual([{ partnerId: bob!.id, sponsorId: alice!.id }]);
    }
    expect(carol!.status).toBe(columns.status ? "pending" : "approved");
    expect(after.ledger).toEqual(expect.arrayContaining([{ partnerId: alice!.id, amount: 12_550, currency: "USD" }, { partnerId: bob!.id, amount: 6_000, currency: "USD" }]));
    expect(after.conversions).toHaveLength(3);
    expect(after.commissions.map((c) => c.amount).sort((a, b) => a - b)).toEqual([600, 1000, 2000]);
    expect(after.bindings.map((b) => b.customerId)).toEqual(expect.arrayContaining([`${preset}-cust-1`, `${preset}-cust-2`]));
    const [entry] = await t.db.select({ reason: ledgerEntries.reason }).from(ledgerEntries).where(eq(ledgerEntries.partnerId, alice!.id));
    expect(entry!.reason).toContain(`imported from ${PRESETS[preset].label} (import ${first[0]!.importId})`);

    const second = [];
    for (const kind of kinds) second.push(await importFile(preset, kind));
    expect(second.map((o) => [o.ok, o.skipped])).toEqual(first.map((o) => [0, o.ok]));
    expect(summaryLine(second[0]!)).toBe("import: 0 rows ok, 1 rows with errors, 3 skipped as already imported");
    expect(await state(p.programId)).toEqual(after);
    const [stored] = await t.db.select().from(imports).where(eq(imports.id, second[0]!.importId!));
    expect(stored).toMatchObject({ status: "completed", rowsRead: 4, rowsOk: 0, rowsRefused: 1, rowsSkipped: 3 });
    expect(stored!.report!.balances).toEqual([{ currency: "USD", fileTotal: 18_550, imported: 18_550 }]);
  });

  it("a dry run reports per-row errors and writes nothing", async () => {
    const p = await makeProgram(t.db);
    const count = async () => rowsOf<{ n: string }>(await t.db.execute(sql`select (select count(*) from partners) + (select count(*) from imports) + (select count(*) from import_rows) + (select count(*) from ledger_entries) + (select count(*) from users) as n`))[0]!.n;
    const before = await count();
    const csv = "id,email,name,balance,currency,parent_id\n1,a@x.example,A,10.00,USD,\n2,bad,B,1.234,USD,1\n3,c@x.example,C,,,9\n";
    const out = await runImport(t.db, { preset: "generic", fileName: "p.csv", csv, programId: p.programId, dryRun: true });
    expect(out).toMatchObject({ importId: null, ok: 2, refused: 1, skipped: 0, dryRun: true });
    expect(out.report.errors).toEqual([
      { row: 3, column: "email", reason: expect.stringContaining("not an e-mail") },
      { row: 3, column: "balance", reason: expect.stringContaining("more than 2 decimal places") },
      { row: 4, column: "parent_id", reason: expect.stringContaining('sponsor "9" is not an imported partner') },
    ]);
    expect(await count()).toBe(before);
  });

  it("the page's procedure runs for admins only and keeps the file out of the audit log", async () => {
    const p = await makeProgram(t.db);
    const csv = "id,email,iban,account_holder\nz1,z1@page.example,DE89370400440532013000,Zed\n";
    const input = { preset: "generic" as const, programId: p.programId, fileName: "z.csv", csv, dryRun: true, mapping: { id: "id", email: "email", iban: "iban", account_holder: "account_holder", name: "" } };
    const out = await createCaller({ db: t.db, user: admin }).imports.run(input);
    expect(out).toMatchObject({ importId: null, ok: 1, refused: 0 });
    const finance = await makeMember(t.db, "finance");
    await expect(createCaller({ db: t.db, user: finance }).imports.run(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createCaller({ db: t.db, user: admin }).imports.run({ ...input, preset: "nope" as "generic", csv: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const logged = await t.db.select({ input: auditLog.input }).from(auditLog).where(eq(auditLog.action, "imports.run"));
    expect(JSON.stringify(logged)).not.toContain("DE89");
    expect(logged[0]!.input).toMatchObject({ csv: `[file, ${csv.length} characters]` });
  });

  it("maps a generic file's own column names", async () => {
    const p = await makeProgram(t.db);
    const csv = "Affiliate,Mail,Code\nx1,x1@map.example,map-x1\n";
    const out = await runImport(t.db, { preset: "generic", fileName: "p.csv", csv, programId: p.programId, mapping: { id: "Affiliate", email: "Mail", code: "Code" } });
    expect(out).toMatchObject({ ok: 1, refused: 0 });
    const [link] = await t.db.select({ alias: links.alias }).from(links).where(eq(links.alias, "map-x1"));
    expect(link).toBeDefined();
    await expect(runImport(t.db, { preset: "tapfiliate", fileName: "x.csv", csv: "foo,bar\n1,2\n", programId: p.programId })).rejects.toThrow(/match none of the Tapfiliate exports/);
  });

  it("old codes and the old platforms' link shapes redirect to the imported partner", async () => {
    const p = programs.get("tapfiliate")!;
    const [alice] = await t.db.select({ id: partners.id }).from(partners).innerJoin(users, eq(users.id, partners.userId)).where(eq(users.email, "alice.tapfiliate@partners.example"));
    const headers = { "user-agent": BROWSER_UA };
    const direct = await handleClick(new Request("http://localhost/r/Tapfiliate-Alice", { headers }), "Tapfiliate-Alice");
    expect(direct.status).toBe(302);
    expect(direct.headers.get("location")).toMatch(/^https:\/\/lp\.example\.com\//);
    const legacyUrls = [
      "http://localhost/r/legacy/?ref=tapfiliate-alice",
      "http://localhost/r/legacy/pricing?via=tapfiliate-alice&utm_source=x",
      "http://localhost/r/legacy/?fpr=tapfiliate-alice",
      "http://localhost/r/legacy/go/tapfiliate-alice",
      "http://localhost/r/legacy/?a_aid=tapfiliate-alice&a_bid=11",
    ];
    for (const url of legacyUrls) {
      const res = await handleLegacyClick(new Request(url, { headers }));
      expect(res.status, url).toBe(302);
    }
    const stored = rowsOf<{ partner_id: string; offer_id: string; n: string }>(await t.db.execute(sql`select partner_id, offer_id, count(*)::text as n from clicks where partner_id = ${alice!.id} group by 1, 2`));
    expect(stored).toEqual([{ partner_id: alice!.id, offer_id: p.offerId, n: String(1 + legacyUrls.length) }]);
    // MyAffiliates' btag carries the affiliate id, which that preset imports as the code
    expect((await handleLegacyClick(new Request("http://localhost/r/legacy/?btag=a_801b_12c_", { headers }))).status).toBe(302);
    expect((await handleLegacyClick(new Request("http://localhost/r/legacy/?ref=nobody-here", { headers }))).status).toBe(404);
  });

  it("re-attribution never touches imported conversions", async () => {
    const p = programs.get("tapfiliate")!;
    const preview = await previewReattribution(t.db, { programId: p.programId, from: new Date("2024-01-01T00:00:00Z"), to: new Date("2024-12-31T00:00:00Z") });
    expect(preview.conversions).toBe(0);
  });

  it("an imported lifetime customer credits their partner on the next postback", async () => {
    const p = programs.get("rewardful")!;
    const [bob] = await t.db.select({ id: partners.id }).from(partners).innerJoin(users, eq(users.id, partners.userId)).where(eq(users.email, "bob.rewardful@partners.example"));
    const r = await recordPostback(t.db, { token: p.token, event: "ftd", customer_id: "rewardful-cust-3", txn_id: "after-move-1" });
    if (!r.ok || r.status !== "accepted") throw new Error(JSON.stringify(r));
    const commissionId = await accruedCommission(t.db, r);
    const [c] = await t.db.select({ partnerId: commissions.partnerId, amount: commissions.amount, importId: commissions.importId }).from(commissions).where(eq(commissions.id, commissionId));
    expect(c).toEqual({ partnerId: bob!.id, amount: 20_000, importId: null });
    const [conv] = await t.db.select({ method: conversions.attributionMethod }).from(conversions).where(eq(conversions.id, r.conversionId));
    expect(conv!.method).toBe("customer_binding");
  });

  it("opening balances are paid in the next payout run, imported commissions never", async () => {
    const ids = (await t.db.select({ id: importRows.targetId }).from(importRows).where(eq(importRows.entity, "partners"))).map((r) => r.id);
    // the presets whose partner export carries payout details (PayPal, or an IBAN in the generic sample)
    const paid = PRESET_NAMES.filter((p) => PRESETS[p].kinds.partners!.columns.paypal_email);
    expect(paid.length).toBeGreaterThanOrEqual(5);
    const batch = await createPayoutBatch(t.db, { currency: "USD", actorId: admin.id });
    expect(batch.batchId).not.toBeNull();
    const lines = await t.db.select({ partnerId: payoutBatchPartners.partnerId, amount: payoutBatchPartners.amount }).from(payoutBatchPartners).where(eq(payoutBatchPartners.batchId, batch.batchId!));
    const imported = lines.filter((l) => ids.includes(l.partnerId));
    // Alice (125.50) and Bob (60.00) of each preset: the opening balances only, not the imported commissions
    expect(imported).toHaveLength(paid.length * 2);
    expect(imported.map((l) => l.amount).sort((a, b) => a - b)).toEqual([...Array(paid.length).fill(6_000), ...Array(paid.length).fill(12_550)]);
    const importedEntries = rowsOf(await t.db.execute(sql`select 1 from ledger_entries e join commissions c on c.id = e.commission_id where c.import_id is not null`));
    expect(importedEntries).toEqual([]);
    await approvePayoutBatch(t.db, { batchId: batch.batchId!, actorId: admin.id });
    await markBatchPaid(t.db, { batchId: batch.batchId!, reference: "WIRE-1", actorId: admin.id });
    const [alice] = imported.filter((l) => l.amount === 12_550);
    const paidSum = rowsOf<{ bucket: string; total: string }>(await t.db.execute(sql`select bucket, sum(amount)::text as total from ledger_entries where partner_id = ${alice!.partnerId} group by bucket order by bucket`));
    expect(paidSum).toEqual([{ bucket: "approved", total: "0" }, { bucket: "paid", total: "12550" }]);
    // the next run has nothing of theirs left to pay
    const next = await createPayoutBatch(t.db, { currency: "USD", actorId: admin.id }).catch((e: Error) => e);
    if (!(next instanceof Error)) expect((await t.db.select().from(payoutBatchPartners).where(eq(payoutBatchPartners.batchId, next.batchId!))).filter((l) => ids.includes(l.partnerId))).toEqual([]);
    await expectLedgerInvariants(t.db);
  });
});

describe("the page's input", () => {
  it("takes a partial column mapping and drops unmapped fields", async () => {
    const { runImportInput } = await import("./schemas");
    const parsed = runImportInput.parse({ preset: "generic", programId: "prg_x", fileName: "a.csv", csv: "id\n1", dryRun: true, mapping: { id: "Affiliate", email: "Mail", name: "" } });
    expect(parsed.mapping).toEqual({ id: "Affiliate", email: "Mail" });
    expect(runImportInput.safeParse({ preset: "nope", programId: "", fileName: "", csv: "", dryRun: true }).error?.issues.map((i) => i.path[0]).sort()).toEqual(["csv", "fileName", "preset", "programId"]);
  });
});
