import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { PROCEDURE_ACCESS } from "@/server/trpc/access-matrix";
import { exportAuditCsv } from "./export-audit";
import { auditFilterFromParams, listAudit } from "./list-audit";
import { appRouter, createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeMember, makeProgram } from "@/test/factories";

/**
 * Every mutation a team member can call writes the audit log, whether it succeeds or is refused. The list is
 * read from appRouter itself, so a new admin mutation is covered (and fails here if it does not write the log)
 * without anyone remembering to add it. Mutations that are not a team member's are exempt, each with its reason.
 */
type Proc = { _def: { type: string; inputs: unknown[] } };
const procedures = (appRouter as unknown as { _def: { procedures: Record<string, Proc> } })._def.procedures;
const mutations = Object.entries(procedures)
  .filter(([, p]) => p._def.type === "mutation")
  .map(([path]) => path)
  .sort();

const EXEMPT_ACCESS: Record<"public" | "partner", string> = {
  public: "called by anonymous visitors (sign-up, password reset, e-mail links): no team member acts; login throttling and the tokens guard these",
  partner: "a partner acting on their own account in the portal, not a team member; their changes are kept in the partner's own history",
};
/** Admin mutations allowed not to write the log. Empty on purpose: add one only with a reason. */
const EXEMPT_ADMIN: Record<string, string> = {};

type Call = (input?: unknown) => Promise<unknown>;
const procedureOf = (caller: unknown, path: string) => path.split(".").reduce((node: unknown, key) => (node as Record<string, unknown>)[key], caller) as Call;

describe("the audit log's coverage", () => {
  it("knows every mutation's access, and exempts only non-team ones (or listed ones) from the log", () => {
    expect(mutations.length).toBeGreaterThan(40);
    for (const path of mutations) {
      const access = PROCEDURE_ACCESS[path];
      expect(access, `${path} has no row in access-matrix.ts`).toBeDefined();
      if (access === "public" || access === "partner") expect(EXEMPT_ACCESS[access]).toBeTruthy();
    }
    expect(Object.keys(EXEMPT_ADMIN).filter((p) => !mutations.includes(p))).toEqual([]);
  });
});

describe.each(await drivers())("every team mutation writes the audit log on %s", (driver) => {
  let t: TestDb;
  let owner: SessionUser;
  const IP = "203.0.113.77";
  /** The owner as the database has them now: a mutation may have ended their earlier sessions (sign out everywhere). */
  const fresh = async (): Promise<SessionUser> => {
    const [row] = await t.db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, owner.id));
    return { ...owner, sessionVersion: row?.v ?? 0 };
  };
  const as = async () => createCaller({ db: t.db, user: await fresh(), ip: IP });

  beforeAll(async () => {
    t = await createTestDb(driver);
    owner = await makeMember(t.db, "owner");
    await makeProgram(t.db);
  });
  afterAll(() => t.close());

  const audited = mutations.filter((p) => {
    const access = PROCEDURE_ACCESS[p];
    return access && typeof access === "object" && !(p in EXEMPT_ADMIN);
  });

  it.each(audited)("%s", async (path) => {
    const before = await t.db.$count(auditLog, eq(auditLog.action, path));
    // No input: refused by validation for most, done for the few that take none. Either way it is logged.
    await procedureOf(await as(), path)(undefined).catch(() => undefined);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, path)).orderBy(sql`${auditLog.createdAt} desc`).limit(1);
    expect(await t.db.$count(auditLog, eq(auditLog.action, path)), `${path} wrote no audit entry`).toBe(before + 1);
    expect(entry).toMatchObject({ actorId: owner.id, actorEmail: owner.email, actorRole: "owner", ip: IP });
    expect(["ok", "failed"]).toContain(entry?.outcome);
  });

  it("keeps who, what, which object, before and after, with secrets redacted", async () => {
    const api = await as();
    const { userId } = await api.team.invite({ email: `fin-${driver}@acme.test`, name: "Fran Finance", role: "finance" });
    await (await as()).team.changeRole({ userId, role: "viewer" });
    const [change] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "team.changeRole"), eq(auditLog.objectId, userId), eq(auditLog.outcome, "ok")));
    expect(change).toMatchObject({ objectType: "user", before: expect.objectContaining({ role: "finance" }), after: expect.objectContaining({ role: "viewer" }) });

    await (await as()).team.disableTwoFactor({ password: "correct horse battery" }).catch(() => undefined);
    const begun = await (await as()).team.beginTwoFactor();
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "team.beginTwoFactor"), eq(auditLog.outcome, "ok"))).orderBy(sql`${auditLog.createdAt} desc`).limit(1);
    expect(JSON.stringify(entry)).not.toContain(begun.secret);
    expect(entry?.after).toMatchObject({ secret: "[redacted]", otpauthUri: "[redacted]", totpQrSvg: "[redacted]" });

    const refused = await (await as()).team.changePassword({ current: "not my password", password: "a long new password" }).catch((e: unknown) => e);
    expect(refused).toBeTruthy();
    const [pw] = await t.db.select().from(auditLog).where(eq(auditLog.action, "team.changePassword")).orderBy(sql`${auditLog.createdAt} desc`).limit(1);
    expect(pw?.outcome).toBe("failed");
    expect(JSON.stringify(pw)).not.toContain("not my password");
  });

  it("filters by actor, object, action and dates (a 'to' day is inclusive), and exports the filtered log as CSV", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const parsed = auditFilterFromParams({ actor: owner.email, action: "team.changeRole", from: today, to: today });
    if (!parsed.success) throw new Error("filter refused");
    const { items } = await listAudit(t.db, { ...parsed.data, limit: 100, offset: 0 });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.action === "team.changeRole" && e.actorEmail === owner.email)).toBe(true);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const before = auditFilterFromParams({ to: yesterday });
    expect(before.success && (await listAudit(t.db, { ...before.data, limit: 10, offset: 0 })).total).toBe(0);
    expect(auditFilterFromParams({ from: "not a date" }).success).toBe(false);
    const csv = await exportAuditCsv(t.db, parsed.data);
    expect(csv.split("\n")[0]).toBe("at,entry_id,actor,actor_role,action,object_type,object_id,outcome,error,ip,before,after,input");
    // one row per entry (cells may hold line breaks: refusals quote multi-line validation messages)
    expect(csv.match(/\baud_[0-9a-z]+/g)).toEqual(items.map((e) => e.id));
    expect(csv).toContain(IP);
  });

  it("is append-only: entries cannot be changed or deleted", async () => {
    await expect(t.db.execute(sql`update audit_log set action = 'forged'`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });
});
