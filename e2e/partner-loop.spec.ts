import { expect, test } from "@playwright/test";
import { BROWSER_UA, DEMO, login, logout, postbackToken, screenshot } from "./helpers";

// The foundation story, end to end in the browser: apply, approve, link, click, postback, approve, pay.
test.describe.configure({ mode: "serial" });

const partner = { name: `Eve Affiliates ${Date.now()}`, email: `eve-${Date.now()}@example.com`, password: "eve-strong-password" };
let trackingUrl = "";

test("a visitor applies to become a partner, with field errors first", async ({ page }) => {
  await page.goto("/signup");
  await screenshot(page, "signup");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Name must be at least 2 characters")).toBeVisible();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await screenshot(page, "signup-errors");

  await page.getByLabel("Name or company").fill(partner.name);
  await page.getByLabel("Email").fill(partner.email);
  await page.getByLabel("Password").fill(partner.password);
  await page.getByLabel("Website (optional)").fill("https://eve.example.com");
  await page.getByLabel("How will you promote us? (optional)").fill("Comparison site");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/login\?applied=1/);
  await expect(page.getByText("Thanks for applying")).toBeVisible();
  await screenshot(page, "applied");

  // Pending partners cannot reach the portal.
  await login(page, partner.email, partner.password, { expectFailure: true });
  await expect(page.getByRole("alert").filter({ hasText: "still being reviewed" })).toBeVisible();
  await screenshot(page, "login-pending");
});

test("the admin approves the application", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await screenshot(page, "admin-dashboard");
  await page.getByRole("navigation").getByRole("link", { name: "Partners" }).click();
  const row = page.getByTestId("partner-row").filter({ hasText: partner.name });
  await expect(row).toBeVisible();
  await screenshot(page, "admin-applications");
  await row.getByRole("button", { name: `Approve ${partner.name}` }).click();
  await expect(row).toBeHidden();
  await page.goto("/admin/partners?status=approved");
  await expect(page.getByTestId("partner-row").filter({ hasText: partner.name })).toBeVisible();
  await page.goto("/admin/settings");
  await expect(page.getByRole("heading", { name: "Postback URL · Lucky Star Group" })).toBeVisible();
  await screenshot(page, "admin-settings");
  // The demo casino holds commissions for 30 days; this story approves its commission at once.
  await page.goto("/admin/plans");
  const casino = page.getByTestId("offer-rules-row").filter({ hasText: "Lucky Star Casino" });
  await casino.getByRole("button", { name: "Edit commission rules of Lucky Star Casino" }).click();
  await page.getByRole("dialog").getByLabel("Hold (days)").fill("0");
  await page.getByRole("dialog").getByLabel(/Approve automatically/).uncheck();
  await page.getByRole("dialog").getByRole("button", { name: "Save rules" }).click();
  await expect(casino).toContainText("None");
  await logout(page);
});

test("the partner sees a tracking link per offer", async ({ page }) => {
  await login(page, partner.email, partner.password);
  await expect(page).toHaveURL(/\/portal$/);
  // One link per active offer of every program the partner is enrolled in.
  const offers = page.getByTestId("link-row");
  await expect(offers.filter({ hasText: "Lucky Star Casino" })).toHaveCount(1);
  await expect(offers.filter({ hasText: "Apex Markets FX" })).toHaveCount(1);
  const casinoRow = page.getByTestId("link-row").filter({ hasText: "Lucky Star Casino" });
  trackingUrl = (await casinoRow.getByTestId("tracking-link").textContent()) ?? "";
  expect(trackingUrl).toMatch(/\/r\/[a-z0-9]{8}$/);
  await expect(page.getByText("No commissions yet")).toBeVisible();
  await screenshot(page, "portal-new-partner");
  // Partners often check from a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("tracking-link").first()).toBeVisible();
  await screenshot(page, "portal-phone");
  await page.setViewportSize({ width: 1280, height: 720 });
  // Without payout details a partner is left out of payout batches.
  await page.getByRole("navigation").getByRole("link", { name: "Payouts" }).click();
  await page.getByLabel("Payment method").selectOption("paypal");
  await page.getByLabel("PayPal e-mail").fill(partner.email);
  await page.getByRole("button", { name: "Save payout details" }).click();
  await expect(page.getByText(`Currently: PayPal ${partner.email}`)).toBeVisible();
  await logout(page);
});

test("a click and a postback accrue a pending commission", async ({ request, page }) => {
  // A visitor's browser, not Playwright's own user agent: that one is a bot to the fraud checks.
  const click = await request.get(`${trackingUrl}?sub1=spring-promo`, { maxRedirects: 0, headers: { "user-agent": BROWSER_UA } });
  expect(click.status()).toBe(302);
  const location = new URL(click.headers()["location"] ?? "");
  expect(location.host).toBe("casino.example.com");
  expect(location.searchParams.get("s1")).toBe("spring-promo");
  const clickId = location.searchParams.get("clickid") ?? "";
  expect(clickId).toMatch(/^clk_/);
  expect(click.headers()["set-cookie"]).toContain(`tp_click=${clickId}`);

  const missing = await request.get("/r/does-not-exist", { maxRedirects: 0 });
  expect(missing.status()).toBe(404);
  expect(missing.headers()["location"]).toBeUndefined();
  await page.goto("/r/does-not-exist");
  await expect(page.getByRole("heading", { name: "This link is not active" })).toBeVisible();
  await screenshot(page, "click-404");

  // The deposit a few minutes after the click: one reported within seconds of its click is what click injection
  // looks like, and the fraud checks would hold it.
  const occurredAt = new Date(Date.now() + 4 * 60_000).toISOString();
  const postback = await request.get("/api/postback", { params: { token: postbackToken(), click_id: clickId, event: "ftd", txn_id: `e2e-${Date.now()}`, amount: "250.00", currency: "USD", occurred_at: occurredAt } });
  expect(postback.status()).toBe(200);
  expect(await postback.json()).toMatchObject({ status: "accepted" });

  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/commissions");
  // Attribution runs in the background: the commission appears within moments.
  const row = page.getByTestId("commission-row").filter({ hasText: partner.name });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(row).toContainText("$200.00");
  await expect(row).toContainText("Pending");
  // Newest first.
  await expect(page.getByTestId("commission-row").first()).toContainText(partner.name);
  await screenshot(page, "admin-queue");

  await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Approve selected" }).click();
  await expect(row).toBeHidden();
  await page.goto("/admin/commissions?status=approved");
  await expect(page.getByTestId("commission-row").filter({ hasText: partner.name })).toContainText("Approved");
});

test("the admin batches and pays; the partner sees it paid", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/payouts");
  await screenshot(page, "admin-payouts-before");
  await page.getByTestId("payable-USD").getByRole("button", { name: "Create USD batch" }).click();
  await expect(page.getByTestId("batch-line").filter({ hasText: partner.name })).toContainText("$200.00");
  await page.getByRole("button", { name: "Approve batch" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm approval" }).click();
  await page.getByRole("button", { name: "Mark paid" }).click();
  await page.getByRole("button", { name: "Confirm payment" }).click();
  await expect(page.getByText("Enter the payment reference")).toBeVisible();
  await screenshot(page, "admin-mark-paid-error");
  await page.getByLabel("Payment reference").fill("WIRE-E2E-1");
  await page.getByRole("button", { name: "Confirm payment" }).click();
  await expect(page.getByRole("button", { name: "Mark paid" })).toBeHidden();
  await page.goto("/admin/payouts");
  await expect(page.getByTestId("batch-row").filter({ hasText: "ref WIRE-E2E-1" })).toContainText("Paid");
  await screenshot(page, "admin-payouts-after");
  await logout(page);

  await login(page, partner.email, partner.password);
  await expect(page.getByTestId("balances-USD")).toContainText("$200.00");
  await page.getByRole("navigation").getByRole("link", { name: "Earnings" }).click();
  const row = page.getByTestId("commission-row").first();
  await expect(row).toContainText("Paid");
  await expect(row).toContainText("$200.00");
  await screenshot(page, "portal-paid");
});

test("a chargeback while the draft waits: approving waits for a refresh, which nets it out", async ({ request, page }) => {
  const txn = `e2e-rev-${Date.now().toString(36)}`;
  const clicks: string[] = [];
  for (const n of [0, 1]) {
    const click = await request.get(trackingUrl, { maxRedirects: 0, headers: { "user-agent": BROWSER_UA } });
    clicks.push(new URL(click.headers()["location"] ?? "").searchParams.get("clickid") ?? "");
    const occurredAt = new Date(Date.now() + 4 * 60_000).toISOString();
    const r = await request.get("/api/postback", { params: { token: postbackToken(), click_id: clicks[n]!, event: "ftd", txn_id: `${txn}-${n}`, amount: "250.00", currency: "USD", occurred_at: occurredAt } });
    expect(await r.json()).toMatchObject({ status: "accepted" });
  }
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/commissions");
  const pending = page.getByTestId("commission-row").filter({ hasText: txn });
  await expect(async () => {
    await page.reload();
    await expect(pending).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  for (const row of await pending.all()) await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Approve selected" }).click();
  await expect(pending).toHaveCount(0);

  await page.goto("/admin/payouts");
  await page.getByTestId("payable-USD").getByRole("button", { name: "Create USD batch" }).click();
  const line = page.getByTestId("batch-line").filter({ hasText: partner.name });
  await expect(line).toContainText("$400.00");
  // The operator's backend reports a chargeback of the first deposit while the draft waits for approval.
  const cb = await request.get("/api/postback", { params: { token: postbackToken(), click_id: clicks[0]!, event: "chargeback", txn_id: `${txn}-0` } });
  expect(await cb.json()).toMatchObject({ status: "accepted" });
  const reversed = page.getByTestId("reversed-row");
  await expect(async () => {
    await page.reload();
    await expect(reversed).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(reversed).toContainText(partner.name);
  await expect(reversed).toContainText(`chargeback of transaction ${txn}-0`);
  await expect(reversed).toContainText("$200.00");
  await page.getByRole("button", { name: "Approve batch" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm approval" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "1 commission in this draft was reversed after it was made" })).toBeVisible();
  await screenshot(page, "admin-batch-reversed");

  await page.getByRole("button", { name: "Refresh draft" }).click();
  await expect(page.getByTestId("reversed-in-batch")).toBeHidden();
  await expect(line).toContainText("$200.00");
  await screenshot(page, "admin-batch-refreshed");
  await page.getByRole("button", { name: "Approve batch" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm approval" }).click();
  await page.getByRole("button", { name: "Mark paid" }).click();
  await page.getByLabel("Payment reference").fill("WIRE-E2E-2");
  await page.getByRole("button", { name: "Confirm payment" }).click();
  await expect(page.getByRole("button", { name: "Mark paid" })).toBeHidden();
  await logout(page);

  // The partner: the charged-back deposit stays reversed (never "paid"), the other one is paid.
  await login(page, partner.email, partner.password);
  await page.getByRole("navigation").getByRole("link", { name: "Earnings" }).click();
  await expect(page.getByTestId("commission-row").filter({ hasText: `${txn}-0` })).toContainText("Reversed");
  await expect(page.getByTestId("commission-row").filter({ hasText: `${txn}-1` })).toContainText("Paid");
  await screenshot(page, "portal-chargeback-netted");
  await logout(page);
});

test("a partial refund prices the deposit again on what is left, and the partner reads why", async ({ request, page }) => {
  const txn = `e2e-part-${Date.now().toString(36)}`;
  const click = await request.get(trackingUrl, { maxRedirects: 0, headers: { "user-agent": BROWSER_UA } });
  const clickId = new URL(click.headers()["location"] ?? "").searchParams.get("clickid") ?? "";
  const occurredAt = new Date(Date.now() + 4 * 60_000).toISOString();
  const ftd = await request.get("/api/postback", { params: { token: postbackToken(), click_id: clickId, event: "ftd", txn_id: txn, amount: "250.00", currency: "USD", occurred_at: occurredAt } });
  expect(await ftd.json()).toMatchObject({ status: "accepted" });
  // The casino's CPA needs a deposit; 30.00 of it comes back, and the 220.00 left still qualifies.
  const refund = await request.get("/api/postback", { params: { token: postbackToken(), click_id: clickId, event: "refund", txn_id: txn, amount: "30.00", currency: "USD" } });
  expect(await refund.json()).toMatchObject({ status: "accepted" });

  await login(page, partner.email, partner.password);
  await page.goto("/portal/earnings");
  const rows = page.getByTestId("commission-row").filter({ hasText: txn });
  await expect(async () => {
    await page.reload();
    await expect(rows.filter({ hasText: "Reversed" })).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(rows.filter({ hasText: "Reversed" })).toContainText("30.00 USD of 250.00 USD refunded, priced again on the 220.00 USD left");
  await expect(rows.filter({ hasText: "Pending" })).toContainText("$200.00");
  await screenshot(page, "portal-partial-refund");
  await rows.filter({ hasText: "Pending" }).getByRole("link", { name: `Explain conversion txn ${txn}` }).click();
  const mine = page.getByTestId("my-commission-row");
  await expect(mine.filter({ hasText: "Reversed" })).toContainText("30.00 USD of 250.00 USD refunded, priced again on the 220.00 USD left");
  await expect(mine.filter({ hasText: "2, current" })).toContainText("Pending");
  await screenshot(page, "portal-partial-refund-conversion");
  await logout(page);
});

test("a rejected commission shows its reason to the admin and to its partner", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/commissions?status=rejected");
  const rejected = page.getByTestId("commission-row").first();
  await expect(rejected).toContainText("Duplicate player account");
  const owner = (await rejected.textContent())?.includes("Alice Media") ? "alice@example.com" : "bob@example.com";
  await logout(page);

  await login(page, owner, DEMO.password);
  await page.goto("/portal/earnings?status=rejected");
  await expect(page.getByTestId("commission-row").first()).toContainText("Duplicate player account");
  await screenshot(page, "portal-rejected");
});
