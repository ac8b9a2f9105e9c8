import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailMessages, partnerDocuments } from "@/db/schema";
import { saveOperatorSettings } from "@/server/documents/billing";
import { documentKey } from "@/server/documents/encryption";
import { reviewDocument } from "@/server/documents/review-document";
import { uploadDocument } from "@/server/documents/upload-document";
import { setStorage } from "@/server/storage";
import { localStorage } from "@/server/storage/local-storage";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { documentHousekeeping } from "./functions/document-housekeeping";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0e1a1b50000000049454e44ae426082", "hex");
const DAY = 86_400_000;

describe.each(await drivers())("document housekeeping (Inngest) on %s", (driver) => {
  let t: TestDb;
  let partner: Awaited<ReturnType<typeof makePartner>>;
  let expiring: string;
  let rejected: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-dhk-"));
  const store = localStorage(dir);

  beforeAll(async () => {
    t = await createTestDb(driver);
    setStorage(store);
    const admin = await makeAdmin(t.db);
    await makeProgram(t.db);
    partner = await makePartner(t.db, admin);
    const key = documentKey(randomBytes(32).toString("base64"));
    await saveOperatorSettings(t.db, { legalName: "Operator Ltd", address: "1 Harbour St, Valletta", country: "MT", documentRetentionDays: 30 });
    // approved, expires in 10 days: reminded
    expiring = (await uploadDocument(t.db, store, key, { partnerId: partner.partnerId, type: "identity", fileName: "id.png", bytes: PNG, expiresAt: new Date(Date.now() + 10 * DAY) })).id;
    await reviewDocument(t.db, { documentId: expiring, decision: "approve", actorId: admin.id });
    // rejected 40 days ago: past the 30-day retention, its file goes
    rejected = (await uploadDocument(t.db, store, key, { partnerId: partner.partnerId, type: "proof_of_address", fileName: "bill.png", bytes: PNG })).id;
    await reviewDocument(t.db, { documentId: rejected, decision: "reject", reason: "Older than three months", actorId: admin.id, now: new Date(Date.now() - 40 * DAY) });
  });
  afterAll(async () => {
    setStorage(undefined);
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the daily cron reminds of expiring documents and deletes files past retention, in two stable steps, once", async () => {
    const events: [{ name: string; data: { cron: string } }] = [{ name: "inngest/scheduled.timer", data: { cron: "TZ=UTC 41 4 * * *" } }];
    const { result, ctx } = await new InngestTestEngine({ function: documentHousekeeping.function }).execute({ events });
    expect(result).toEqual({ reminded: 1, deleted: 1 });
    expect(ctx.step.run.mock.calls.map((c) => c[0])).toEqual(["expiry-reminders", "retention-purge"]);
    const mails = await t.db.select().from(mailMessages).where(and(eq(mailMessages.to, partner.email), eq(mailMessages.template, "document_expiring")));
    expect(mails).toHaveLength(1);
    const [gone] = await t.db.select().from(partnerDocuments).where(eq(partnerDocuments.id, rejected));
    expect(gone).toMatchObject({ storageKey: null, status: "rejected" });
    expect(await store.get(`documents/${partner.partnerId}/${rejected}`.toLowerCase())).toBeNull();
    const [kept] = await t.db.select().from(partnerDocuments).where(eq(partnerDocuments.id, expiring));
    expect(await store.get(kept!.storageKey!)).not.toBeNull();
    // a second run (a new engine: one engine replays its recorded steps) does nothing more
    expect((await new InngestTestEngine({ function: documentHousekeeping.function }).execute({ events })).result).toEqual({ reminded: 0, deleted: 0 });
  });
});
