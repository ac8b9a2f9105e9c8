import { expect, test, type Page } from "@playwright/test";
import { DEMO, login, logout, postbackToken, screenshot } from "./helpers";

// Plans, the approval queue, payouts with statements, and the partner's side of them: terms, payout details,
// ledger and notifications. Bob (a demo partner) is the one the admin moves to a new plan and pays.
test.describe.configure({ mode: "serial" });

const stamp = Date.now();
const plan = `VIP hybrid ${stamp}`;
const BOB = { email: "bob@example.com", name: "Bob's Betting Tips" };
const PHONE = { width: 390, height: 844 };

/** The page at desktop width, then at a phone's. */
async function shootBoth(page: Page, name: string) {
  await screenshot(page, name);
  const desktop = page.viewportSize();
  await page.setViewportSize(PHONE);
  // Wide tables scroll inside their card; the page itself never scrolls sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await screenshot(page, `${name}-phone`);
  if (desktop) await page.setViewportSize(desktop);
}

test("the admin builds a plan, with field errors first, then versions and assigns it", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "Plans" }).click();
  await expect(page.getByRole("heading", { name: "Commission plans" })).toBeVisible();
  await expect(page.getByTestId("plan-card").filter({ hasText: "Casino CPA" })).toContainText("200.00 USD per FTD");
  await shootBoth(page, "admin-plans");

  await page.getByRole("button", { name: "New plan" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Plan name").fill(plan);
  await dialog.getByLabel("Currency").fill("USD");
  await dialog.getByLabel("CPA amount (USD)").fill("12.345");
  await dialog.getByRole("checkbox", { name: /^Revenue share/ }).check();
  await dialog.getByLabel("Revshare rate (%)").fill("25");
  await dialog.getByRole("checkbox", { name: /^Tiers/ }).check();
  const tiers = dialog.getByTestId("tier-row");
  await tiers.nth(0).getByLabel(/Amount/).fill("200");
  await tiers.nth(1).getByLabel(/from/).fill("12");
  await tiers.nth(1).getByLabel(/Amount/).fill("250");
  await dialog.getByRole("button", { name: "Create plan" }).click();
  await expect(dialog.getByText("Use at most 2 decimals for USD, e.g. 250.00")).toBeVisible();
  await expect(tiers.nth(1).getByText("Gap: nothing covers 11 to 11")).toBeVisible();
  await screenshot(page, "admin-plan-errors", { fullPage: false });

  await dialog.getByLabel("CPA amount (USD)").fill("250.00");
  await tiers.nth(1).getByLabel(/from/).fill("11");
  await expect(dialog.getByTestId("terms-preview")).toContainText("25% of deposit");
  await expect(dialog.getByTestId("terms-preview")).toContainText("11+: 250.00 USD");
  await dialog.getByRole("button", { name: "Create plan" }).click();
  await expect(dialog).toBeHidden();
  const card = page.getByTestId("plan-card").filter({ hasText: plan });
  await expect(card).toContainText("250.00 USD per FTD");
  await expect(card).toContainText("Not assigned yet");

  await card.getByRole("button", { name: `Assign ${plan}` }).click();
  const assign = page.getByRole("dialog");
  await assign.getByLabel("Partner").selectOption({ label: BOB.name });
  await assign.getByLabel("Offer").selectOption({ label: "Lucky Star Casino" });
  await assign.getByRole("button", { name: "Assign plan" }).click();
  await expect(assign.getByText("Say why; the partner sees it")).toBeVisible();
  await assign.getByLabel("Note").fill("Moved to VIP after a strong quarter");
  await assign.getByRole("button", { name: "Assign plan" }).click();
  await expect(assign).toBeHidden();
  await expect(card.getByTestId("plan-assignments")).toContainText(`${BOB.name} · Lucky Star Casino`);

  await card.getByRole("button", { name: `New version of ${plan}` }).click();
  const version = page.getByRole("dialog");
  await expect(version.getByLabel("CPA amount (USD)")).toHaveValue("250.00");
  await version.getByLabel("CPA amount (USD)").fill("300");
  await version.getByLabel("What changed and why").fill("Higher CPA for the summer");
  await version.getByRole("button", { name: "Save version" }).click();
  await expect(version).toBeHidden();
  await expect(card.getByTestId("plan-version")).toHaveCount(2);
  await expect(card).toContainText("300.00 USD per FTD");

  const fx = page.getByTestId("offer-rules-row").filter({ hasText: "Apex Markets FX" });
  await fx.getByRole("button", { name: "Edit commission rules of Apex Markets FX" }).click();
  const rules = page.getByRole("dialog");
  await rules.getByLabel("Minimum deposit (EUR)").fill("1O0");
  await rules.getByRole("button", { name: "Save rules" }).click();
  await expect(rules.getByText(/Enter an amount such as 250.00/)).toBeVisible();
  await rules.getByLabel("Minimum deposit (EUR)").fill("100.00");
  await rules.getByLabel("Hold (days)").fill("14");
  await rules.getByRole("button", { name: "Save rules" }).click();
  await expect(rules).toBeHidden();
  await expect(fx).toContainText("Deposit of at least €100.00");
  await screenshot(page, "admin-plans-after");
});

test("the approval queue filters, explains and refuses to approve what is on hold", async ({ page, request }) => {
  // A fresh casino commission for Alice: the casino now holds commissions for 30 days.
  const click = await request.get("/r/demo", { maxRedirects: 0 });
  const clickId = new URL(click.headers()["location"] ?? "").searchParams.get("clickid") ?? "";
  const txn = `e2e-hold-${stamp}`;
  const postback = await request.get("/api/postback", { params: { token: postbackToken(), click_id: clickId, event: "ftd", txn_id: txn, amount: "80.00", currency: "USD" } });
  expect(postback.status()).toBe(200);

  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/commissions");
  const filters = page.getByRole("form", { name: "Filter commissions" });
  await filters.getByLabel("Partner").selectOption({ label: "Alice Media" });
  await filters.getByLabel("Hold", { exact: true }).selectOption("on_hold");
  await filters.getByLabel("Sort", { exact: true }).selectOption("newest");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/hold=on_hold/);
  const row = page.getByTestId("commission-row").filter({ hasText: txn });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(row).toContainText("On hold until");
  for (const r of await page.getByTestId("commission-row").all()) await expect(r).toContainText("Alice Media");

  await row.getByRole("button", { name: /Show how/ }).click();
  await expect(page.getByTestId("commission-lines").first()).toContainText("CPA");
  await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Approve selected" }).click();
  const outcome = page.getByTestId("review-outcome");
  await expect(outcome).toContainText("Approved 0 commissions; skipped 1");
  await expect(outcome).toContainText(/on hold until \d{1,2} \w{3} \d{4}/);
  await shootBoth(page, "admin-queue-filtered");

  await filters.getByLabel("Offer", { exact: true }).selectOption({ label: "Apex Markets FX" });
  await filters.getByLabel("Partner", { exact: true }).selectOption("");
  await filters.getByLabel("Hold", { exact: true }).selectOption("");
  await filters.getByLabel("Fraud check", { exact: true }).selectOption("held");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/fraud=held/);
  await expect(page.getByText("No commissions match these filters")).toBeVisible();
  await page.getByRole("link", { name: /Clear/ }).click();
  await expect(page).toHaveURL(/\/admin\/commissions\?status=pending$/);
  await expect(page.getByTestId("commission-row").first()).toBeVisible();
});

test("the admin adjusts a balance, batches, approves, pays, and opens a statement", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/payouts");
  await page.getByRole("button", { name: "Adjust a balance" }).click();
  const adjust = page.getByRole("dialog");
  await adjust.getByLabel("Partner").selectOption({ label: BOB.name });
  await adjust.getByLabel("Currency").selectOption("USD");
  await adjust.getByLabel("Amount").fill("60,00");
  await adjust.getByRole("button", { name: "Add adjustment" }).click();
  await expect(adjust.getByText("Enter an amount such as 250.00 or -250.00, without thousands separators")).toBeVisible();
  await adjust.getByLabel("Amount").fill("60.00");
  await adjust.getByLabel("Reason").fill("Bonus for the e2e campaign");
  await adjust.getByRole("button", { name: "Add adjustment" }).click();
  await expect(adjust).toBeHidden();

  const usd = page.getByTestId("payable-USD");
  await expect(usd.getByTestId("payable-row").filter({ hasText: BOB.name })).toContainText("Due");
  await shootBoth(page, "admin-payouts");
  await usd.getByRole("button", { name: "Create USD batch" }).click();
  await expect(page.getByRole("heading", { name: "Payout batch · USD" })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId("batch-line").filter({ hasText: BOB.name })).toContainText("PayPal");
  await shootBoth(page, "admin-batch-draft");

  const csv = await page.request.get(await page.getByRole("link", { name: "Export CSV" }).getAttribute("href") ?? "");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="pay_.+\.csv"$/);
  expect(await csv.text()).toMatch(/^batch_id,partner_id,partner_name,amount,currency,method/);
  const paypal = await page.request.get(await page.getByRole("link", { name: "PayPal mass payment" }).getAttribute("href") ?? "");
  expect(await paypal.text()).toContain("payouts@bobtips.example.com");

  await page.getByRole("button", { name: "Approve batch" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm approval" }).click();
  await page.getByRole("button", { name: "Mark paid" }).click();
  const paid = page.getByRole("dialog");
  await paid.getByRole("button", { name: "Confirm payment" }).click();
  await expect(paid.getByText("Enter the payment reference")).toBeVisible();
  await paid.getByLabel("Payment reference").fill(`WIRE-PLANS-${stamp}`);
  await paid.getByRole("button", { name: "Confirm payment" }).click();
  await expect(paid).toBeHidden();
  await expect(page.getByText(`WIRE-PLANS-${stamp}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark paid" })).toBeHidden();
  await screenshot(page, "admin-batch-paid");

  await page.getByRole("link", { name: `Statement of ${BOB.name}` }).click();
  const statement = page.getByTestId("statement");
  await expect(statement).toContainText("Payout statement");
  await expect(statement).toContainText(`WIRE-PLANS-${stamp}`);
  await expect(statement.getByTestId("statement-item").filter({ hasText: "Balance adjustment" })).toContainText("Bonus for the e2e campaign");
  await expect(page.getByRole("button", { name: "Print / Save as PDF" })).toBeVisible();
  await shootBoth(page, "admin-statement");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print / Save as PDF" })).toBeHidden();
  await screenshot(page, "admin-statement-print");
  await page.emulateMedia({ media: "screen" });
  await logout(page);
});

test("the partner sees notifications and terms, saves payout details, and reads the ledger", async ({ page }) => {
  await login(page, BOB.email, DEMO.password);
  const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  const panel = page.getByRole("dialog", { name: "Notifications" });
  await expect(panel.getByTestId("notification").filter({ hasText: "New commission plan" })).toBeVisible();
  // the batch pays Bob's whole approved USD balance: the 60.00 bonus and what the demo approved before it
  await expect(panel.getByTestId("notification").filter({ hasText: `WIRE-PLANS-${stamp}` })).toContainText(/Payout sent: \d+\.\d\d USD/);
  await screenshot(page, "portal-notifications", { fullPage: false });
  await panel.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
  await page.keyboard.press("Escape");

  await page.getByRole("navigation").getByRole("link", { name: "Terms" }).click();
  const casino = page.getByTestId("terms-offer").filter({ hasText: "Lucky Star Casino" });
  await expect(casino).toContainText(`${plan}, version 2`);
  await expect(casino).toContainText("300.00 USD per FTD");
  await expect(page.getByTestId("terms-history")).toContainText(`Assigned to you for Lucky Star Casino: ${plan}`);
  await expect(page.getByTestId("terms-history")).toContainText("Moved to VIP after a strong quarter");
  await shootBoth(page, "portal-terms");

  await page.getByRole("navigation").getByRole("link", { name: "Payouts" }).click();
  await page.getByLabel("Payment method").selectOption("bank_transfer");
  await page.getByLabel("Account holder").fill("Bob Tips Ltd");
  await page.getByLabel("IBAN").fill("DE89 3704 0044 0532 0130 01");
  await page.getByRole("button", { name: "Save payout details" }).click();
  await expect(page.getByText("This IBAN is not valid: check the country code, the length and the digits")).toBeVisible();
  await expect(page.getByLabel("IBAN")).toHaveAttribute("aria-invalid", "true");
  await screenshot(page, "portal-payouts-iban-error");
  await page.getByLabel("IBAN").fill("DE89 3704 0044 0532 0130 00");
  await page.getByRole("button", { name: "Save payout details" }).click();
  await expect(page.getByText("Currently: Bank transfer to Bob Tips Ltd, IBAN DE89 3704 0044 0532 0130 00")).toBeVisible();
  await expect(page.getByTestId("thresholds")).toContainText("$50.00");
  const payout = page.getByTestId("payout-row").filter({ hasText: `WIRE-PLANS-${stamp}` });
  await expect(payout).toContainText("Paid");
  await shootBoth(page, "portal-payouts");

  await payout.getByRole("link", { name: "View statement" }).click();
  await expect(page.getByTestId("statement")).toContainText("Bonus for the e2e campaign");
  await shootBoth(page, "portal-statement");

  await page.getByRole("navigation").getByRole("link", { name: "Earnings" }).click();
  const ledger = page.getByTestId("ledger-row");
  await expect(ledger.filter({ hasText: "Bonus for the e2e campaign" })).toContainText("+$60.00");
  await expect(ledger.filter({ hasText: `WIRE-PLANS-${stamp}` }).first()).toBeVisible();
  await page.getByTestId("commission-row").first().getByRole("button", { name: /Show how/ }).click();
  await expect(page.getByTestId("commission-lines")).toBeVisible();
  await shootBoth(page, "portal-earnings-ledger");
});
