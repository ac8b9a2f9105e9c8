import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/authenticate";
import { adjustBalance } from "@/server/commissions/adjust-balance";
import { listLedger } from "@/server/commissions/list-ledger";
import { approveCommissions } from "@/server/commissions/review-commissions";
import { recordPostback } from "@/server/conversions/record-postback";
import { expectLedgerInvariants } from "@/test/ledger-invariants";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { accruedCommission, click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";

/** A partner's ledger is read one commission per line: its entries (an approval is two) fold under it. */
describe.each(await drivers())("the partner's ledger on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let partnerId: string;
  let approved: string;
  let pending: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    const { token, offerId } = await makeProgram(t.db);
    ({ partnerId } = await makePartner(t.db, admin));
    const code = await linkCode(t.db, partnerId, offerId);
    const ids: string[] = [];
    for (const txn of ["ledger-a", "ledger-b"]) {
      const r = await recordPostback(t.db, { token, click_id: await click(t.db, code), event: "ftd", txn_id: txn });
      if (!r.ok || r.status !== "accepted") throw new Error(`postback refused: ${JSON.stringify(r)}`);
      ids.push(await accruedCommission(t.db, r));
    }
    [approved = "", pending = ""] = ids;
    await approveCommissions(t.db, { commissionIds: [approved], actorId: admin.id });
    await adjustBalance(t.db, { partnerId, currency: "USD", amount: 1_500, reason: "Bonus for the launch", actorId: admin.id });
  });
  afterAll(() => t.close());
  afterEach(() => expectLedgerInvariants(t.db));

  it("gives one line per commission, newest change first, with its entries newest first", async () => {
    const { items, total } = await listLedger(t.db, { partnerId, limit: 10, offset: 0 });
    expect(total).toBe(3);
    expect(items.map((g) => g.commissionId)).toEqual([null, approved, pending]);
    const [bonus, a, p] = items;
    expect(bonus?.entries.map((e) => e.type)).toEqual(["adjustment"]);
    expect(a?.entries.map((e) => e.type).sort()).toEqual(["accrual", "approval", "approval"]);
    expect(a?.entries[a.entries.length - 1]?.type).toBe("accrual");
    expect(p?.entries.map((e) => e.type)).toEqual(["accrual"]);
  });

  it("pages by commission, never splitting one's entries", async () => {
    const first = await listLedger(t.db, { partnerId, limit: 2, offset: 0 });
    const second = await listLedger(t.db, { partnerId, limit: 2, offset: 2 });
    expect(first.items.map((g) => g.commissionId)).toEqual([null, approved]);
    expect(first.items[1]?.entries).toHaveLength(3);
    expect(second.items.map((g) => g.commissionId)).toEqual([pending]);
  });

  it("shows nothing of another partner", async () => {
    const other = await makePartner(t.db, admin);
    expect(await listLedger(t.db, { partnerId: other.partnerId, limit: 10, offset: 0 })).toEqual({ items: [], total: 0 });
  });
});
