import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { partnerPostbacks } from "@/db/schema";
import type { SessionUser } from "@/server/auth/authenticate";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { makeAdmin, makePartner, makeProgram } from "@/test/factories";
import { expectCode, fieldErrorsOf } from "@/test/trpc-errors";
import { createCaller } from "./root";

describe.each(await drivers())("postbacks router on %s", (driver) => {
  let t: TestDb;
  let admin: SessionUser;
  let a: SessionUser;
  let b: SessionUser;
  let offerId: string;
  beforeAll(async () => {
    t = await createTestDb(driver);
    admin = await makeAdmin(t.db);
    ({ offerId } = await makeProgram(t.db));
    a = (await makePartner(t.db, admin)).session;
    b = (await makePartner(t.db, admin)).session;
  });
  afterAll(() => t.close());
  const as = (user: SessionUser | null) => createCaller({ db: t.db, user });

  it("lets a partner add, list and pause only their own postbacks", async () => {
    const { id } = await as(a).postbacks.create({ kind: "webhook", url: "https://tracker.example.com/hook", offerId, events: ["ftd"] });
    const mine = await as(a).postbacks.list();
    expect(mine).toEqual([expect.objectContaining({ id, kind: "webhook", offerId, events: ["ftd"], status: "active" })]);
    expect(mine[0]?.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(await as(b).postbacks.list()).toEqual([]);
    await expectCode(as(b).postbacks.setStatus({ id, status: "paused" }), "NOT_FOUND");
    await as(a).postbacks.setStatus({ id, status: "paused" });
    const [row] = await t.db.select().from(partnerPostbacks).where(eq(partnerPostbacks.id, id));
    expect(row?.status).toBe("paused");
  });

  it("answers a private or malformed URL with a field error", async () => {
    for (const url of ["http://10.0.0.5/pb", "not a url", "http://169.254.169.254/"]) {
      const err = await expectCode(as(a).postbacks.create({ kind: "url", url, offerId: null, events: [] }), "BAD_REQUEST");
      expect(fieldErrorsOf(err).url).toBeTruthy();
    }
    await expectCode(as(a).postbacks.create({ kind: "url", url: "https://tracker.example.com/", offerId: "ofr_nope", events: [] }), "BAD_REQUEST");
  });

  it("is for partners only", async () => {
    await expectCode(as(null).postbacks.list(), "UNAUTHORIZED");
    await expectCode(as(admin).postbacks.list(), "FORBIDDEN");
    await expectCode(as(b).postbacks.resend({ postbackId: "ppb_x", conversionId: "cnv_x" }), "NOT_FOUND");
  });
});
