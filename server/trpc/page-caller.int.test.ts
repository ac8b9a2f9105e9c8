import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import type { SessionUser } from "@/server/auth/authenticate";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makePartner } from "@/test/factories";
import { pageCaller } from "./page-caller";

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

/** A page's queries for a signed-out visitor redirect to the login (as the layout does) instead of throwing an
 * UNAUTHORIZED that Next logs with its stack. Other refusals stay what they were. */
describe.each(await drivers())("the pages' caller on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
  });
  afterAll(() => t.close());

  it("redirects a signed-out visitor to the login", async () => {
    for (const call of [() => pageCaller({ db: t.db, user: null }).admin.balances(), () => pageCaller({ db: t.db, user: null }).partner.balances()]) {
      const err = await failure(call());
      expect(isRedirectError(err)).toBe(true);
      expect((err as { digest: string }).digest).toContain(";/login;");
    }
  });

  it("answers the signed-in as before", async () => {
    await expect(pageCaller({ db: t.db, user: admin }).admin.balances()).resolves.toBeDefined();
    const { session } = await makePartner(t.db, admin);
    const err = await failure(pageCaller({ db: t.db, user: session }).admin.balances());
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("FORBIDDEN");
  });
});
