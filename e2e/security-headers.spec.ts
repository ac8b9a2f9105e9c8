import { expect, test, type Page } from "@playwright/test";
import { DEMO, login } from "./helpers";

// Security headers on pages and routes, and the app still working under its nonce CSP: every page below
// hydrates (sign-in, navigation and a tRPC mutation need the client scripts) with no CSP violation.

const ALICE = "alice@example.com";

/** Collects CSP violations: the browser's console reports and the page's securitypolicyviolation events. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(msg.text())) violations.push(msg.text());
  });
  page.on("pageerror", (err) => violations.push(`pageerror: ${err.message}`));
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

function expectPageHeaders(headers: Record<string, string>) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // served over plain http here: no HSTS
  expect(headers["strict-transport-security"]).toBeUndefined();
}

test("pages carry a fresh nonce CSP and the other headers", async ({ request }) => {
  const a = await request.get("/login");
  const b = await request.get("/login");
  expectPageHeaders(a.headers());
  const nonce = (h: Record<string, string>) => /'nonce-([^']+)'/.exec(h["content-security-policy"] ?? "")?.[1];
  expect(nonce(a.headers())).not.toBe(nonce(b.headers()));
  // the page's scripts carry this response's nonce
  expect(await a.text()).toContain(`nonce="${nonce(a.headers())}"`);
  // a 404 page too
  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expectPageHeaders(missing.headers());
});

test("route handlers carry a no-script CSP, nosniff and frame-ancestors", async ({ request }) => {
  for (const path of ["/api/health", "/api/postback", "/api/trpc/partner.links", "/api/auth/csrf", "/r/no-such-code"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    expect(h["content-security-policy"], path).toContain("default-src 'none'");
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["strict-transport-security"], path).toBeUndefined();
  }
  expect((await request.get("/api/health")).headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});

test("HSTS is sent when the request came over https (a TLS proxy in front)", async ({ request }) => {
  // TRUSTED_PROXIES is empty in this run, so a page takes the scheme from the socket only: no HSTS.
  const page = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(page.headers()["strict-transport-security"]).toBeUndefined();
});

test("the admin's pages hydrate and work with no CSP violation", async ({ page }) => {
  const violations = watchCsp(page);
  await login(page, DEMO.admin, DEMO.password);
  for (const path of ["/admin", "/admin/partners", "/admin/commissions", "/admin/settings", "/admin/plans", "/admin/fraud", "/admin/payouts", "/admin/attribution"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    expectPageHeaders(res?.headers() ?? {});
  }
  // a client-side navigation and a dialog need hydrated React
  await page.goto("/admin/coupons");
  await page.getByRole("button", { name: "New coupon" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  expect(violations).toEqual([]);
});

test("a partner's pages hydrate and a tRPC mutation goes through with no CSP violation", async ({ page }) => {
  const violations = watchCsp(page);
  await login(page, ALICE, DEMO.password);
  for (const path of ["/portal", "/portal/links", "/portal/earnings", "/portal/payouts", "/portal/postbacks", "/portal/terms"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
  }
  await page.goto("/portal/links");
  const mutation = page.waitForResponse((r) => r.url().includes("/api/trpc/") && r.request().method() === "POST");
  await page.getByRole("button", { name: "New link" }).click();
  const dialog = page.getByRole("dialog");
  const offer = dialog.getByLabel("Offer");
  const first = await offer.locator("option:not([disabled])").first().getAttribute("value");
  await offer.selectOption(first ?? "");
  await dialog.getByLabel("Label (optional)").fill(`csp-${Date.now().toString(36)}`);
  await dialog.getByRole("button", { name: "Create link" }).click();
  expect((await mutation).status()).toBe(200);
  await expect(dialog).toBeHidden();
  expect(violations).toEqual([]);
});

test("signed-out pages hydrate: a sign-up goes through tRPC and a wrong password is told, with no CSP violation", async ({ page }) => {
  const violations = watchCsp(page);
  await page.goto("/signup");
  await page.getByLabel("Name or company").fill("Csp Probe Media");
  await page.getByLabel("Email").fill(`csp-${Date.now().toString(36)}@example.com`);
  await page.getByLabel("Password").fill("long enough password");
  const signUp = page.waitForResponse((r) => r.url().includes("/api/trpc/partner.signUp"));
  await page.getByRole("button", { name: "Apply" }).click();
  expect((await signUp).status()).toBe(200);
  await page.waitForURL(/\/login/);
  await login(page, DEMO.admin, "wrong password", { expectFailure: true });
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  expect(violations).toEqual([]);
});
