import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { links, users } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { can } from "@/server/auth/permissions";
import { recordPostback } from "@/server/conversions/record-postback";
import { drainOutbox } from "@/server/jobs/outbox";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { click, linkCode, makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { PROCEDURE_ACCESS, ROUTE_ACCESS } from "./access-matrix";
import { appRouter, createCaller } from "./root";

/**
 * The authorization matrix: every procedure of appRouter and every route handler under app/ has a row in
 * server/trpc/access-matrix.ts, and each procedure is called as anonymous, as a partner and as an operator
 * and must refuse exactly those its row refuses. A procedure or route without a row fails this test.
 */
const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort();

const APP = path.resolve(import.meta.dirname, "../../app");
function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(full) : e.name === "route.ts" ? [full] : [];
  });
}
const routeOf = (file: string) => "/" + path.relative(APP, path.dirname(file)).split(path.sep).filter((s) => !(s.startsWith("(") && s.endsWith(")"))).join("/");

type Call = (input?: unknown) => Promise<unknown>;
function procedureOf(caller: unknown, p: string): Call {
  return p.split(".").reduce((node: unknown, key) => (node as Record<string, unknown>)[key], caller) as Call;
}

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  return p.then(
    () => null,
    (e: unknown) => (e instanceof TRPCError ? e.code : `non-trpc: ${String(e)}`),
  );
}

describe("the authorization matrix has a row for everything", () => {
  it("names every tRPC procedure, and no procedure that is gone", () => {
    expect(procedures.filter((p) => !(p in PROCEDURE_ACCESS)), "procedures without a row in server/trpc/access-matrix.ts").toEqual([]);
    expect(Object.keys(PROCEDURE_ACCESS).filter((p) => !procedures.includes(p)), "rows for procedures that do not exist").toEqual([]);
  });

  it("names every route handler under app/ with the methods it exports", async () => {
    const found: Record<string, string[]> = {};
    for (const file of routeFiles(APP)) {
      const mod = (await import(file)) as Record<string, unknown>;
      found[routeOf(file)] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].filter((m) => typeof mod[m] === "function");
    }
    expect(Object.keys(found).filter((r) => !(r in ROUTE_ACCESS)), "routes without a row in ROUTE_ACCESS").toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((r) => !(r in found)), "rows for routes that do not exist").toEqual([]);
    for (const [route, methods] of Object.entries(found)) expect(methods, route).toEqual(ROUTE_ACCESS[route]?.methods);
  });
});

describe.each(await drivers())("every procedure refuses whom its row refuses, on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let a: Awaited<ReturnType<typeof makePartner>>;
  let b: Awaited<ReturnType<typeof makePartner>>;
  let bConversion: string;
  let bLink: string;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });
  /** The operator as the database has them now: team.signOutEverywhere (sorted before later routers) ends earlier sessions. */
  const fresh = async (user: SessionUser): Promise<SessionUser> => {
    const [row] = await t.db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, user.id));
    return { ...user, sessionVersion: row?.v ?? 0 };
  };

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    const program = await makeProgram(t.db);
    a = await makePartner(t.db, admin);
    b = await makePartner(t.db, admin);
    const code = await linkCode(t.db, b.partnerId, program.offerId);
    const r = await recordPostback(t.db, { token: program.token, click_id: await click(t.db, code), event: "ftd", txn_id: "matrix-b" });
    if (!r.ok) throw new Error(r.message);
    bConversion = r.conversionId;
    await drainOutbox(t.db);
    const [link] = await t.db.select({ id: links.id }).from(links).where(eq(links.code, code));
    bLink = link?.id ?? "";
  });
  afterAll(() => t.close());

  it.each(procedures)("%s", async (p) => {
    const access = PROCEDURE_ACCESS[p];
    if (!access) throw new Error(`no row for ${p} in server/trpc/access-matrix.ts`);
    // The role checks run before input validation, so an empty input shows the decision without doing anything.
    const anonymous = await codeOf(procedureOf(as(null), p)(undefined));
    const partner = await codeOf(procedureOf(as(a.session), p)(undefined));
    const operator = await codeOf(procedureOf(as(await fresh(admin)), p)(undefined));
    const refused = ["UNAUTHORIZED", "FORBIDDEN"];
    if (access === "public") {
      expect(refused).not.toContain(anonymous);
      expect(refused).not.toContain(partner);
      expect(refused).not.toContain(operator);
    } else if (access === "partner") {
      expect(anonymous).toBe("UNAUTHORIZED");
      expect(operator).toBe("FORBIDDEN");
      expect(refused).not.toContain(partner);
    } else {
      expect(anonymous).toBe("UNAUTHORIZED");
      expect(partner).toBe("FORBIDDEN");
      if (can(admin.role, access.admin)) expect(refused).not.toContain(operator);
      else expect(operator).toBe("FORBIDDEN");
    }
  });

  // Routes called anonymously: public ones answer, credential ones refuse without their credential.
  it.each([
    ["/api/health", "http://localhost/api/health", 200],
    // The pixel script answers only for the key of an enabled pixel, and the pixel is off until an operator turns it on.
    ["/api/pixel.js", "http://localhost/api/pixel.js?key=pxk_unknown", 404],
    ["/api/postback", "http://localhost/api/postback?click_id=clk_01jzzzzzzzzzzzzzzzzzzzzzzz&event=ftd&txn_id=x", 401],
    ["/api/inngest", "http://localhost/api/inngest", 503],
    ["/r/[code]", "http://localhost/r/no-such-code", 404],
    ["/api/v1/[...path]", "http://localhost/api/v1/partners", 401],
  ] as const)("anonymous GET %s", async (route, url, status) => {
    const file = routeFiles(APP).find((f) => routeOf(f) === route) ?? "";
    const mod = (await import(file)) as { GET: (req: Request, ctx: unknown) => Promise<Response> };
    const res = await mod.GET(new Request(url), { params: Promise.resolve({ code: "no-such-code" }) });
    expect(res.status).toBe(status);
  });

  // A partner calling with another partner's ids gets nothing of theirs and changes nothing of theirs.
  it.each([
    ["links.setStatus", () => ({ linkId: bLink, status: "paused" })],
    ["attribution.explainMine", () => ({ conversionId: bConversion })],
    ["fraud.myReview", () => ({ conversionId: bConversion })],
    ["fraud.appeal", () => ({ conversionId: bConversion, message: "This one was mine, please look again." })],
  ] as const)("%s refuses a partner another partner's ids", async (p, input) => {
    const result = await procedureOf(as(a.session), p)(input()).then(
      (v) => ({ value: v }),
      (e: unknown) => ({ code: e instanceof TRPCError ? e.code : String(e) }),
    );
    if ("code" in result) expect(["NOT_FOUND", "FORBIDDEN"]).toContain(result.code);
    else expect(result.value ?? null).toBeNull();
    const [link] = await t.db.select({ status: links.status }).from(links).where(eq(links.id, bLink));
    expect(link?.status).toBe("active");
  });
});
