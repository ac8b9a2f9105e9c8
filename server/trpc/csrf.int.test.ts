import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { createTestDb, drivers, type TestDb } from "@/test/db";
import { trpcHandler } from "./handle-request";

/**
 * CSRF beyond SameSite: every tRPC mutation must come from this app's own pages and be JSON. Probed with the
 * anonymous sign-up mutation, so a refused request is visible as a user that was not created.
 */
const APP = "http://localhost:3000"; // APP_URL of the test process (server/config.ts default)
const handle = trpcHandler(async () => null);
let seq = 0;

const signUpJson = (email: string) => JSON.stringify({ json: { name: "Csrf Probe", email, password: "long enough password" } });

function post(body: BodyInit, headers: Record<string, string>) {
  return handle(new Request(`${APP}/api/trpc/partner.signUp`, { method: "POST", headers: { host: "localhost:3000", ...headers }, body }));
}

describe.each(await drivers())("tRPC mutations refuse cross-site and non-JSON requests on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(driver);
  });
  afterAll(() => t.close());

  const created = async (email: string) => t.db.$count(users, eq(users.email, email));
  const email = () => `csrf-${seq++}@test.example`;

  it("accepts a same-origin JSON mutation (the app's own client)", async () => {
    const e = email();
    const res = await post(signUpJson(e), { "content-type": "application/json", origin: APP, "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(200);
    expect(await created(e)).toBe(1);
  });

  it.each([
    ["another origin", { origin: "https://evil.example" }],
    ["a cross-site fetch", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
    ["a same-site sibling", { origin: "http://sub.localhost:3000", "sec-fetch-site": "same-site" }],
    ["a sandboxed page (Origin: null)", { origin: "null" }],
    ["a cross-site request that hides its Origin", { "sec-fetch-site": "cross-site" }],
    ["neither Origin nor Sec-Fetch-Site", {}],
  ])("refuses %s with 403 and changes nothing", async (_label, headers: Record<string, string>) => {
    const e = email();
    const res = await post(signUpJson(e), { "content-type": "application/json", ...headers });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "cross_site_request" } });
    expect(await created(e)).toBe(0);
  });

  it("refuses a multipart/form-data mutation from our own origin with 415", async () => {
    const e = email();
    const form = new FormData();
    form.set("name", "Csrf Probe");
    form.set("email", e);
    form.set("password", "long enough password");
    const res = await handle(new Request(`${APP}/api/trpc/partner.signUp`, { method: "POST", headers: { host: "localhost:3000", origin: APP }, body: form }));
    expect(res.status).toBe(415);
    expect(await created(e)).toBe(0);
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "application/octet-stream", ""])("refuses a %s body with 415", async (type) => {
    const e = email();
    const res = await post(signUpJson(e), { ...(type ? { "content-type": type } : {}), origin: APP, "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(415);
    expect(await created(e)).toBe(0);
  });

  it("still answers queries over GET without an Origin", async () => {
    const res = await handle(new Request(`${APP}/api/trpc/partner.links`, { headers: { host: "localhost:3000" } }));
    expect(res.status).toBe(401);
  });
});
