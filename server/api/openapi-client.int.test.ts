import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import createClient from "openapi-fetch";
import { and, eq, like } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { assignPlan } from "@/server/commissions/manage-plans";
import { kickLocalRunner } from "@/server/jobs/outbox";
import { savePayoutDetails } from "@/server/payouts/payout-details";
import { startApiServer } from "@/test/api-server";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, EPOCH, makeAdmin, makeProgram } from "@/test/factories";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { GENERATED_TYPES_PATH, generateApiTypes } from "./generate-types";
import { createApiKey } from "./manage-keys";
import type { paths } from "./openapi-types.gen";
import { resetBuckets } from "./rate-limit";
import { API_SCOPES } from "./scopes";

describe("the checked-in client types", () => {
  it("are what openapi-typescript generates from the served document today (run npm run api:types after a change)", async () => {
    expect(readFileSync(GENERATED_TYPES_PATH, "utf8")).toBe(await generateApiTypes());
  });
});

describe.each(await drivers())("a client generated from the OpenAPI document, over HTTP, on %s", (driver) => {
  let t: TestDb;
  let server: { url: string; close: () => Promise<void> };
  let secret: string;
  let keyPrefix: string;
  let programId: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    resetBuckets();
    const admin = await makeAdmin(t.db);
    const p = await makeProgram(t.db);
    programId = p.programId;
    // the program's plan pays on every offer, so the offer the API creates earns commissions
    await assignPlan(t.db, { programId, planId: p.planId, partnerId: null, offerId: null, effectiveFrom: EPOCH, note: "program default", actorId: null });
    ({ secret, prefix: keyPrefix } = await createApiKey(t.db, { name: "Back office", programId: null, scopes: API_SCOPES, expiresInDays: null, actorId: admin.id }));
    server = await startApiServer(t.db);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it("fetches the document it was generated from", async () => {
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/payout-batches/{batchId}/paid");
  });

  it("creates an offer, a partner and a conversion, approves the commission and pays it", async () => {
    const api = createClient<paths>({ baseUrl: `${server.url}/api/v1`, headers: { authorization: `Bearer ${secret}` } });

    const offer = await api.POST("/offers", {
      body: { programId, name: "Spring sale", landingUrl: "https://shop.example.com/?cid={click_id}", currency: "USD", eventTypes: ["lead", "ftd"] },
      headers: { "idempotency-key": "offer-1" },
    });
    expect(offer.response.status).toBe(201);
    const offerId = offer.data!.id;
    expect(offer.data).toMatchObject({ programId, name: "Spring sale", eventTypes: ["lead", "ftd"], status: "active", attributionWindowDays: 30 });

    const partner = await api.POST("/partners", { body: { name: "Ada Affiliates", email: `ada-${driver}@partner.example`, status: "approved", type: "affiliate" } });
    expect(partner.response.status).toBe(201);
    const partnerId = partner.data!.id;
    expect(partner.data).toMatchObject({ status: "approved", type: "affiliate", sponsorId: null });
    await savePayoutDetails(t.db, partnerId, { method: "paypal", email: "ada@partner.example" }); // the partner does this in the portal

    const link = await api.POST("/links", { body: { partnerId, offerId, label: "newsletter" } });
    expect(link.response.status).toBe(201);
    const clickId = await click(t.db, link.data!.code);

    const body = { programId, click_id: clickId, event: "ftd", txn_id: `t-${driver}`, amount: "150.00", currency: "USD" };
    const conv = await api.POST("/conversions", { body, headers: { "idempotency-key": `conv-${driver}` } });
    expect(conv.response.status).toBe(201);
    expect(conv.data).toMatchObject({ status: "accepted", conversion: { offerId, event: "ftd", amount: 15_000, currency: "USD" } });

    // a retry with the same key and body gets the first answer, marked as a replay
    const retry = await api.POST("/conversions", { body, headers: { "idempotency-key": `conv-${driver}` } });
    expect(retry.response.status).toBe(201);
    expect(retry.response.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.data).toEqual(conv.data);
    // the same key with another body is refused
    const reused = await api.POST("/conversions", { body: { ...body, amount: "99.00" }, headers: { "idempotency-key": `conv-${driver}` } });
    expect(reused.response.status).toBe(409);
    expect(reused.error).toMatchObject({ code: "idempotency_key_reused" });

    await kickLocalRunner(t.db); // attribution and the commission, as the job runner does after a postback

    const pending = await api.GET("/commissions", { params: { query: { partnerId, status: "pending" } } });
    expect(pending.data!.data).toHaveLength(1);
    const commission = pending.data!.data[0]!;
    expect(commission).toMatchObject({ offerId, partnerId, amount: 20_000, currency: "USD", status: "pending", conversionId: conv.data!.conversion.id });

    const approved = await api.POST("/commissions/approve", { body: { commissionIds: [commission.id] } });
    expect(approved.data).toEqual({ changed: [commission.id], skipped: [] });

    const batch = await api.POST("/payout-batches", { body: { currency: "USD" } });
    expect(batch.response.status).toBe(201);
    const batchId = batch.data!.batch!.id;
    expect(batch.data!.batch).toMatchObject({ status: "draft", total: 20_000, lines: [{ partnerId, amount: 20_000 }] });

    const ok = await api.POST("/payout-batches/{batchId}/approve", { params: { path: { batchId } } });
    expect(ok.data!.status).toBe("approved");
    const paid = await api.POST("/payout-batches/{batchId}/paid", { params: { path: { batchId } }, body: { reference: "WIRE-2026-001" } });
    expect(paid.data).toMatchObject({ status: "paid", reference: "WIRE-2026-001" });

    const after = await api.GET("/commissions", { params: { query: { partnerId } } });
    expect(after.data!.data.map((c) => c.status)).toEqual(["paid"]);
    await expectLedgerInvariants(t.db);

    // every write is in the audit log with the key as the actor
    const entries = await t.db
      .select({ action: auditLog.action, actorRole: auditLog.actorRole, actorEmail: auditLog.actorEmail, outcome: auditLog.outcome })
      .from(auditLog)
      .where(and(eq(auditLog.actorRole, "api_key"), like(auditLog.actorEmail, `api key ${keyPrefix}%`)));
    const actions = entries.map((e) => `${e.action}:${e.outcome}`);
    for (const op of ["createOffer", "createPartner", "createLink", "createConversion", "approveCommissions", "createPayoutBatch", "approvePayoutBatch", "markPayoutBatchPaid"])
      expect(actions).toContain(`api.${op}:ok`);
    // the replay ran nothing a second time
    expect(actions.filter((a) => a === "api.createConversion:ok")).toHaveLength(1);
  });
});
