import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiKeys, auditLog } from "@/db/schema";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { expectCode, fieldErrorsOf } from "@/test/trpc-errors";
import { makeAdmin, makeMember, makePartner, makeProgram } from "@/test/factories";
import { authenticate } from "./authenticate";
import { hashSecret } from "./credentials";

describe.each(await drivers())("API keys and partner tokens through tRPC on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
  });
  afterAll(() => t.close());

  it("shows a key's secret once, stores its hash, keeps it out of the audit log, and revokes it at once", async () => {
    const admin = await makeAdmin(t.db);
    const { programId } = await makeProgram(t.db);
    const api = createCaller({ db: t.db, user: admin });
    const made = await api.apiKeys.create({ name: "CRM sync", programId, scopes: ["partners:read", "partners:write"], expiresInDays: 90 });
    expect(made.secret).toMatch(/^tp_live_[A-Za-z0-9_-]{43}$/);
    expect(made.secret.startsWith(made.prefix)).toBe(true);
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, made.id));
    expect(row).toMatchObject({ secretHash: hashSecret(made.secret), prefix: made.prefix, programId, createdBy: admin.id });
    expect(JSON.stringify(row)).not.toContain(made.secret);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "apiKeys.create"));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(made.secret);

    const listed = await api.apiKeys.list();
    expect(listed.keys.find((k) => k.id === made.id)).toMatchObject({ name: "CRM sync", status: "live", scopes: ["partners:read", "partners:write"] });
    expect(listed.keys[0]).not.toHaveProperty("secretHash");

    expect(await authenticate(t.db, made.secret)).toMatchObject({ kind: "key", keyId: made.id, programId });
    await api.apiKeys.revoke({ id: made.id });
    expect(await authenticate(t.db, made.secret)).toBeNull();
    await expect(api.apiKeys.revoke({ id: made.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("names the bad fields of a key, and lets only owners and admins manage keys", async () => {
    const admin = await makeAdmin(t.db);
    const err = await expectCode(createCaller({ db: t.db, user: admin }).apiKeys.create({ name: "x", programId: null, scopes: [], expiresInDays: 0 }), "BAD_REQUEST");
    expect(Object.keys(fieldErrorsOf(err)).sort()).toEqual(["expiresInDays", "name", "scopes"]);
    for (const role of ["viewer", "finance", "support", "manager"] as const) {
      const member = await makeMember(t.db, role);
      await expect(createCaller({ db: t.db, user: member }).apiKeys.list(), role).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("gives each partner their own tokens only; a suspended partner's token stops working", async () => {
    const admin = await makeAdmin(t.db);
    await makeProgram(t.db);
    const a = await makePartner(t.db, admin);
    const b = await makePartner(t.db, admin);
    const asA = createCaller({ db: t.db, user: a.session });
    const asB = createCaller({ db: t.db, user: b.session });
    const token = await asA.partnerTokens.create({ name: "My tracker", expiresInDays: null });
    expect(token.secret).toMatch(/^tp_pat_/);
    expect((await asA.partnerTokens.list()).map((x) => x.id)).toEqual([token.id]);
    expect(await asB.partnerTokens.list()).toEqual([]);
    await expect(asB.partnerTokens.revoke({ id: token.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await authenticate(t.db, token.secret)).toMatchObject({ kind: "partner", partnerId: a.partnerId });

    await createCaller({ db: t.db, user: admin }).admin.partnerAction({ partnerId: a.partnerId, action: "suspend", reason: "Checking traffic" });
    expect(await authenticate(t.db, token.secret)).toBeNull();
  });
});
