import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrateDb, openDb } from "@/db/client";
import { conversions } from "@/db/schema";
import { recordPostback } from "@/server/conversions/record-postback";
import { checkConversions } from "@/server/fraud/check-conversion";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makeProgram } from "@/test/factories";
import { partnerOn, visit } from "@/test/fraud-traffic";

const HOUR = 3_600_000;
const t0 = new Date(Date.now() - 10 * 24 * HOUR);
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);

describe.each(await drivers())("a conversion's refund, chargeback and follow-up times on %s", (driver) => {
  let t: TestDb;
  let program: Awaited<ReturnType<typeof makeProgram>>;
  let clickId = "";
  let n = 0;

  beforeAll(async () => {
    t = await createTestDb(driver);
    program = await makeProgram(t.db);
    clickId = (await visit(t.db, await partnerOn(t.db, await makeAdmin(t.db), program), { at: at(-48) })).clickId;
  });
  afterAll(() => t.close());

  /** A postback; returns the stored conversion's id. */
  const post = async (p: Record<string, string | Date>) => {
    const body = Object.fromEntries(Object.entries<string | Date>({ token: program.token, event: "ftd", click_id: clickId, ...p }).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
    const r = await recordPostback(t.db, body, { now: new Date() });
    if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
    return r.conversionId;
  };
  const times = async (ids: string[]) => {
    const rows = await t.db.select({ id: conversions.id, refundedAt: conversions.refundedAt, chargedBackAt: conversions.chargedBackAt, followedAt: conversions.followedAt }).from(conversions).where(inArray(conversions.id, ids));
    return ids.map((id) => {
      const r = rows.find((x) => x.id === id)!;
      return { refunded: r.refundedAt?.toISOString() ?? null, chargedBack: r.chargedBackAt?.toISOString() ?? null, followed: r.followedAt?.toISOString() ?? null };
    });
  };

  it("gives a sale its transaction's earliest refund and chargeback, whichever was reported first", async () => {
    const txn = `sale-${n++}`;
    const sale = await post({ txn_id: txn, amount: "100.00", occurred_at: at(0) });
    expect(await times([sale])).toEqual([{ refunded: null, chargedBack: null, followed: null }]);
    await post({ txn_id: txn, event: "refund", refund_id: "r1", amount: "10.00", occurred_at: at(5) });
    // an earlier partial refund reported later moves it back; a later one leaves it
    await post({ txn_id: txn, event: "refund", refund_id: "r2", amount: "10.00", occurred_at: at(3) });
    await post({ txn_id: txn, event: "refund", refund_id: "r3", amount: "10.00", occurred_at: at(9) });
    await post({ txn_id: txn, event: "chargeback", refund_id: "c1", amount: "10.00", occurred_at: at(7) });
    // the refunds themselves carry none
    const [refund] = await t.db.select({ refundedAt: conversions.refundedAt }).from(conversions).where(eq(conversions.refundId, "r1"));
    expect(refund?.refundedAt).toBeNull();
    expect(await times([sale])).toEqual([{ refunded: at(3).toISOString(), chargedBack: at(7).toISOString(), followed: null }]);

    // a refund reported before its sale (the operator's queue out of order): the sale learns it on insert
    const early = `early-${n++}`;
    await post({ txn_id: early, event: "chargeback", occurred_at: at(4) });
    const late = await post({ txn_id: early, amount: "50.00", occurred_at: at(1) });
    expect(await times([late])).toEqual([{ refunded: null, chargedBack: at(4).toISOString(), followed: null }]);
  });

  it("gives a registration its customer's first FTD or deposit at or after it, in the program", async () => {
    const customer = `cust-${n++}`;
    // a deposit before the registration does not follow it up
    await post({ txn_id: `d0-${customer}`, event: "deposit", customer_id: customer, amount: "20.00", occurred_at: at(-1) });
    const reg = await post({ txn_id: `reg-${customer}`, event: "registration", customer_id: customer, occurred_at: at(0) });
    expect((await times([reg]))[0]?.followed).toBeNull();
    await post({ txn_id: `ftd-${customer}`, event: "ftd", customer_id: customer, amount: "20.00", occurred_at: at(48) });
    expect((await times([reg]))[0]?.followed).toBe(at(48).toISOString());
    // an earlier deposit reported later moves it back
    await post({ txn_id: `d1-${customer}`, event: "deposit", customer_id: customer, amount: "20.00", occurred_at: at(30) });
    expect((await times([reg]))[0]?.followed).toBe(at(30).toISOString());
    // another customer's FTD changes nothing; a registration reported after its customer's FTD learns it on insert
    await post({ txn_id: `ftd-other-${customer}`, event: "ftd", customer_id: `${customer}-other`, amount: "20.00", occurred_at: at(2) });
    const second = await post({ txn_id: `reg2-${customer}`, event: "registration", customer_id: customer, occurred_at: at(10) });
    expect(await times([reg, second])).toEqual([
      { refunded: null, chargedBack: null, followed: at(30).toISOString() },
      { refunded: null, chargedBack: null, followed: at(30).toISOString() },
    ]);
  });
});

describe.runIf((await drivers()).includes("postgres"))("the history columns on PostgreSQL", () => {
  const ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const made: string[] = [];
  const fresh = async () => {
    const name = `touchpoint_test_${randomBytes(6).toString("hex")}`;
    await admin.unsafe(`create database ${name}`);
    made.push(name);
    return ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  };
  afterAll(async () => {
    for (const name of made) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  });

  /** A program and offer written with SQL alone (the tables as they were before these columns). */
  const seedProgram = async (sql: postgres.Sql) => {
    await sql`insert into programs (id, name, default_currency, postback_token, postback_token_hash) values ('prg_h', 'History', 'USD', 'tok', 'hash')`;
    await sql`insert into offers (id, program_id, name, landing_url, currency) values ('ofr_h', 'prg_h', 'Offer', 'https://example.com/', 'USD')`;
  };
  const insert = (sql: postgres.Sql, id: string, event: string, txn: string, hours: number, extra: { refund_id?: string; customer_id?: string; amount?: number } = {}) =>
    sql`insert into conversions (id, program_id, offer_id, event, txn_id, refund_id, customer_id, amount, currency, occurred_at, params)
        values (${id}, 'prg_h', 'ofr_h', ${event}, ${txn}, ${extra.refund_id ?? ""}, ${extra.customer_id ?? null}, ${extra.amount ?? null}, ${extra.amount ? "USD" : null}, ${at(hours)}, '{}')`;

  it("fills them in for the conversions already there when the database is upgraded", async () => {
    const url = await fresh();
    // the migrations before this one, then rows, then the rest
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "touchpoint-migrations-"));
    try {
      fs.mkdirSync(path.join(dir, "meta"));
      const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
      const upTo = journal.entries.findIndex((e) => e.tag.endsWith("_fraud_history_columns"));
      expect(upTo).toBeGreaterThan(0);
      const before = journal.entries.slice(0, upTo);
      fs.writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: before }));
      for (const e of before) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
      const old = await openDb({ url, dataDir: "unused", max: 2 });
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      await migrate(old.db as never, { migrationsFolder: dir });
      await old.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await seedProgram(sql);
      await insert(sql, "cv_sale", "ftd", "t1", 0, { amount: 100, customer_id: "c1" });
      await insert(sql, "cv_r1", "refund", "t1", 6, { refund_id: "a", amount: 10 });
      await insert(sql, "cv_r2", "refund", "t1", 4, { refund_id: "b", amount: 10 });
      await insert(sql, "cv_cb", "chargeback", "t1", 8, { refund_id: "c", amount: 10 });
      await insert(sql, "cv_reg", "registration", "t2", -5, { customer_id: "c1" });
      await insert(sql, "cv_reg_late", "registration", "t3", 1, { customer_id: "c1" });
      const h = await openDb({ url, dataDir: "unused", max: 2 });
      await migrateDb(h);
      await h.close();
      const rows = await sql<{ id: string; refunded_at: Date | null; charged_back_at: Date | null; followed_at: Date | null }[]>`
        select id, refunded_at, charged_back_at, followed_at from conversions order by id`;
      const byId = Object.fromEntries(rows.map((r) => [r.id, [r.refunded_at?.toISOString() ?? null, r.charged_back_at?.toISOString() ?? null, r.followed_at?.toISOString() ?? null]]));
      expect(byId).toEqual({
        cv_sale: [at(4).toISOString(), at(8).toISOString(), null],
        cv_r1: [null, null, null],
        cv_r2: [null, null, null],
        cv_cb: [null, null, null],
        cv_reg: [null, null, at(0).toISOString()],
        cv_reg_late: [null, null, null],
      });
    } finally {
      await sql.end({ timeout: 2 });
    }
  });

  it("a refund that raced its sale in another transaction reaches the sale when the refund is processed, and a deposit its registration", async () => {
    const url = await fresh();
    const h = await openDb({ url, dataDir: "unused", max: 2 });
    await migrateDb(h);
    const a = postgres(url, { max: 1, onnotice: () => {} });
    const b = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await seedProgram(a);
      for (const [first, second] of [
        [{ id: "cv_s", event: "ftd", txn: "race", o: { amount: 100 } }, { id: "cv_r", event: "refund", txn: "race", o: { amount: 100 } }],
        [{ id: "cv_g", event: "registration", txn: "reg", o: { customer_id: "rc" } }, { id: "cv_d", event: "deposit", txn: "dep", o: { customer_id: "rc", amount: 5 } }],
      ] as const) {
        // the first insert is not committed when the second is written and committed: neither sees the other
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let started!: () => void;
        const inserted = new Promise<void>((resolve) => (started = resolve));
        const one = a.begin(async (tx) => {
          await insert(tx as unknown as postgres.Sql, first.id, first.event, first.txn, 0, first.o);
          started();
          await held;
        });
        await inserted;
        await b.begin((tx) => insert(tx as unknown as postgres.Sql, second.id, second.event, second.txn, 1, second.o));
        release();
        await one;
      }
      const read = async () =>
        Object.fromEntries((await a<{ id: string; t: Date | null }[]>`select id, coalesce(refunded_at, followed_at) as t from conversions where id in ('cv_s', 'cv_g')`).map((r) => [r.id, r.t?.toISOString() ?? null]));
      expect(await read()).toEqual({ cv_s: null, cv_g: null });
      // the conversion job's fraud check of the refund and of the deposit
      await checkConversions(h.db, ["cv_r", "cv_d"]);
      expect(await read()).toEqual({ cv_s: at(1).toISOString(), cv_g: at(1).toISOString() });
    } finally {
      await a.end({ timeout: 2 });
      await b.end({ timeout: 2 });
      await h.close();
    }
  });
});
