import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { programs } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { createCaller } from "@/server/trpc/root";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectCode, fieldErrorsOf } from "@/test/trpc-errors";

describe.each(await drivers())("postback security settings on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let program: Awaited<ReturnType<typeof makeProgram>>;
  let partner: Awaited<ReturnType<typeof makePartner>>;
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });

  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    program = await makeProgram(t.db);
    partner = await makePartner(t.db, admin);
  });
  afterAll(() => t.close());

  it("saves a postback IP allowlist of addresses and CIDR ranges, and refuses anything else", async () => {
    await as(admin).programs.setIpAllowlist({ programId: program.programId, allowlist: "203.0.113.7\n198.51.100.0/24, 2001:db8::/32" });
    let [row] = await t.db.select().from(programs).where(eq(programs.id, program.programId));
    expect(row?.postbackIpAllowlist).toEqual(["203.0.113.7", "198.51.100.0/24", "2001:db8::/32"]);
    for (const bad of ["203.0.113.300", "10.0.0.0/33", "::1/129", "example.com", "10.0.0.1-10.0.0.9"]) {
      const err = await expectCode(as(admin).programs.setIpAllowlist({ programId: program.programId, allowlist: `203.0.113.7, ${bad}` }), "BAD_REQUEST");
      expect(fieldErrorsOf(err).allowlist).toBe(`“${bad}” is not an IP address or CIDR range (e.g. 203.0.113.7 or 203.0.113.0/24)`);
    }
    await as(admin).programs.setIpAllowlist({ programId: program.programId, allowlist: "" });
    [row] = await t.db.select().from(programs).where(eq(programs.id, program.programId));
    expect(row?.postbackIpAllowlist).toEqual([]);
  });

  it("rotates signing secrets: at most two live, the newest last, the oldest retired on request", async () => {
    const secrets = async () => (await as(admin).admin.program()).find((p) => p.id === program.programId)?.signingSecrets ?? [];
    const err = await expectCode(as(admin).programs.retireSigningSecret({ programId: program.programId }), "BAD_REQUEST");
    expect(err.message).toBe("There is no older secret to retire.");
    await as(admin).programs.generateSigningSecret({ programId: program.programId });
    const [first] = await secrets();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    await as(admin).programs.generateSigningSecret({ programId: program.programId });
    const [, second] = await secrets();
    expect(await secrets()).toEqual([first, second]);
    await as(admin).programs.generateSigningSecret({ programId: program.programId });
    const now = await secrets();
    expect(now).toHaveLength(2);
    expect(now[0]).toBe(second);
    expect(new Set([first, second, now[1]]).size).toBe(3);
    await as(admin).programs.retireSigningSecret({ programId: program.programId });
    expect(await secrets()).toEqual([now[1]]);
    await expectCode(as(admin).programs.generateSigningSecret({ programId: "prg_missing" }), "NOT_FOUND");
  });

  it("keeps these settings for admins", async () => {
    const p = as(partner.session);
    await expectCode(p.programs.setIpAllowlist({ programId: program.programId, allowlist: "" }), "FORBIDDEN");
    await expectCode(p.programs.generateSigningSecret({ programId: program.programId }), "FORBIDDEN");
    await expectCode(p.programs.retireSigningSecret({ programId: program.programId }), "FORBIDDEN");
    await expectCode(as(null).programs.setIpAllowlist({ programId: program.programId, allowlist: "" }), "UNAUTHORIZED");
  });
});
