import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_SETUP_LINK_FILE } from "../playwright.config";
import { BROWSER_UA, login, logout } from "./helpers";

// From an EMPTY database (DEMO_SEED=false), using only the browser: open the one-time setup link the start
// printed, create the owner, then a program, an offer and a plan assigned to it, and watch the checklist tick.
// Then run the program for real: a sign-up question and terms, partner A signs up and is approved, partner B
// signs up through A's recruit link and is approved, B's click and a postback pay B, A earns the override,
// and the owner pays B's commission in a EUR batch.
test.describe.configure({ mode: "serial" });
// Each step runs two screenshots per page on a shared 2-core machine: give it room beyond the default minute.
test.setTimeout(180_000);

const OWNER = { name: "Olive Owner", email: "owner@acme.example", password: "a long owner password" };
const SHOTS = process.env.E2E_SHOTS_DIR ?? "/tmp/touchpoint-setup-shots";
const PHONE = { width: 390, height: 844 };

/** The page at 1440 px, then at a phone's 390 px, where it must never scroll sideways. */
async function shootBoth(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: path.join(SHOTS, `${name}-1440.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: path.join(SHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

const done = (page: Page, key: string) => page.getByTestId(`checklist-${key}`);

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/admin/);
}

test("the setup link creates the owner once", async ({ page }) => {
  const link = fs.readFileSync(E2E_SETUP_LINK_FILE, "utf8").trim();
  expect(link).toMatch(/\/setup\?token=[A-Za-z0-9_-]{32}$/);
  const url = new URL(link);
  await page.goto(`${url.pathname}${url.search}`);
  await expect(page.getByRole("heading", { name: "Create the owner account" })).toBeVisible();
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByText("Enter your name")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await shootBoth(page, "setup-errors");
  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create owner account" }).click();
  await page.waitForURL(/\/admin$/);
  await expect(page.getByTestId("setup-checklist")).toContainText("0 of 5 done");
  await shootBoth(page, "admin-dashboard-checklist");

  // single use: the same link now explains itself instead of showing the form
  await page.goto(`${url.pathname}${url.search}`);
  await expect(page.getByRole("heading", { name: "This setup link does not work" })).toBeVisible();
  await shootBoth(page, "setup-used");
});

test("the owner creates a program, with field errors first, and rotates its postback token", async ({ page }) => {
  await signIn(page);
  await page.getByTestId("checklist-program").getByRole("link").click();
  await expect(page.getByRole("heading", { name: "New program" })).toBeVisible();
  await page.getByLabel("Name").fill("Acme Partners");
  await page.getByLabel("Default currency").fill("EUX");
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByRole("button", { name: "Create program" }).click();
  await expect(page.getByText("Enter an ISO 4217 currency code such as USD or EUR")).toBeVisible();
  await expect(page.getByText("Enter an IANA time zone such as Europe/Malta or UTC")).toBeVisible();
  await shootBoth(page, "admin-program-new-errors");
  await page.getByLabel("Default currency").fill("eur");
  await page.getByLabel("Time zone").fill("Europe/Malta");
  await page.getByRole("button", { name: "Create program" }).click();
  await page.waitForURL(/\/admin\/programs\/prg_/);
  await expect(page.getByRole("heading", { name: "Acme Partners" })).toBeVisible();
  await expect(page.getByLabel("Default currency")).toHaveValue("EUR");

  const token = page.getByTestId("postback-token");
  await expect(token).toHaveText(/^•{12}[0-9a-f]{4}$/);
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(token).toHaveText(/^[0-9a-f]{48}$/);
  const first = await token.textContent();
  await page.getByRole("button", { name: "Regenerate" }).click();
  await page.getByRole("dialog").getByLabel("Keep the old token working for").selectOption("24");
  await page.getByRole("dialog").getByRole("button", { name: "Regenerate token" }).click();
  await expect(page.getByTestId("token-grace")).toContainText("The previous token is still accepted until");
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(token).not.toHaveText(first ?? "");
  await shootBoth(page, "admin-program-page");

  await page.getByRole("navigation").getByRole("link", { name: "Programs" }).click();
  await expect(page.getByTestId("program-row").filter({ hasText: "Acme Partners" })).toContainText("Europe/Malta");
  await shootBoth(page, "admin-programs");
});

test("the owner creates an offer with a live landing URL check and a preview", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation").getByRole("link", { name: "Offers" }).click();
  await expect(page.getByText("No offer yet")).toBeVisible();
  await shootBoth(page, "admin-offers-empty");
  await page.getByRole("link", { name: "New offer" }).click();
  await page.getByLabel("Name").fill("Acme Casino");
  await page.getByLabel("Landing URL").fill("https://casino.acme.example/welcome?cid={clickid}");
  await expect(page.getByText("Unknown macro {clickid}")).toBeVisible();
  await page.getByLabel("Landing URL").fill("javascript:alert(1)");
  await expect(page.getByText("Use an http:// or https:// URL")).toBeVisible();
  await shootBoth(page, "admin-offer-new-errors");
  await page.getByLabel("Landing URL").fill("https://casino.acme.example/welcome?cid={click_id}&s1={sub1}");
  await expect(page.getByTestId("landing-preview")).toContainText("cid=clk_01JD8Z6Q4R7N2M5K9X3V1B0C8A&s1=spring-promo");
  await expect(page.getByLabel("Currency")).toHaveValue("EUR");
  await page.getByRole("button", { name: "Create offer" }).click();
  await page.waitForURL(/\/admin\/offers\/ofr_/);
  await expect(page.getByRole("heading", { name: "Acme Casino" })).toBeVisible();
  await shootBoth(page, "admin-offer-page");

  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.getByRole("heading", { name: "Copy of Acme Casino" })).toBeVisible();
  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByRole("button", { name: "Archive" })).toBeHidden();
  await page.goto("/admin/offers?q=acme");
  await expect(page.getByTestId("offer-row")).toHaveCount(1);
  await page.goto("/admin/offers?status=archived");
  await expect(page.getByTestId("offer-row").filter({ hasText: "Copy of Acme Casino" })).toHaveCount(1);
  await page.goto("/admin/offers");
  await shootBoth(page, "admin-offers");
});

test("a plan assigned to the offer ticks the checklist", async ({ page }) => {
  await signIn(page);
  await expect(done(page, "program")).toHaveAttribute("data-done", "true");
  await expect(done(page, "offer")).toHaveAttribute("data-done", "true");
  await expect(done(page, "plan")).toHaveAttribute("data-done", "false");
  await done(page, "plan").getByRole("link").click();
  await page.getByRole("button", { name: "New plan" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Plan name").fill("Casino CPA");
  await dialog.getByLabel("Currency").fill("EUR");
  await dialog.getByLabel("CPA amount (EUR)").fill("100.00");
  // the sponsor of a partner on this plan earns 10% of the partner's commission
  await dialog.getByRole("checkbox", { name: /Multi-tier overrides/ }).check();
  await expect(dialog.getByLabel("Level 1 (%)")).toHaveValue("10");
  await dialog.getByRole("button", { name: "Create plan" }).click();
  await expect(dialog).toBeHidden();
  const card = page.getByTestId("plan-card").filter({ hasText: "Casino CPA" });
  await card.getByRole("button", { name: "Assign Casino CPA" }).click();
  const assign = page.getByRole("dialog");
  await assign.getByLabel("Offer").selectOption({ label: "Acme Casino" });
  await assign.getByLabel("Note").fill("The casino's default");
  await assign.getByRole("button", { name: "Assign plan" }).click();
  await expect(assign).toBeHidden();

  await page.getByRole("navigation").getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByTestId("setup-checklist")).toContainText("3 of 5 done");
  await expect(done(page, "plan")).toHaveAttribute("data-done", "true");
  await expect(done(page, "conversion")).toHaveAttribute("data-done", "false");
  await shootBoth(page, "admin-dashboard-checklist-ticked");
});

const A = { name: "Anna Affiliates", email: "anna@partners.example", password: "anna strong password" };
const B = { name: "Ben Broker", email: "ben@partners.example", password: "ben strong password" };
const QUESTION = "Which markets do you cover?";
const TERMS = "1. Promote Acme honestly.\n2. Do not bid on Acme brand terms.\n3. Commissions are paid monthly.";
let recruitLink = "";

/** A card of a page, by its heading. */
const card = (page: Page, heading: string) => page.locator("section").filter({ has: page.getByRole("heading", { name: heading, exact: true }) });

test("the owner adds a required sign-up question and publishes terms", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation").getByRole("link", { name: "Programs" }).click();
  await page.getByRole("link", { name: "Acme Partners" }).first().click();
  await expect(page.getByRole("heading", { name: "Acme Partners" })).toBeVisible();

  const questions = card(page, "Sign-up questions");
  await questions.getByRole("button", { name: "Add question" }).click();
  await expect(questions.getByText("Write the question (at least 3 characters)")).toBeVisible();
  await questions.getByLabel("Question").fill(QUESTION);
  await questions.getByLabel("Required").check();
  await questions.getByRole("button", { name: "Add question" }).click();
  await expect(questions.getByTestId("signup-questions")).toContainText(QUESTION);
  await expect(questions.getByTestId("signup-questions")).toContainText("required");

  const terms = card(page, "Terms and conditions");
  await terms.getByRole("button", { name: "Publish terms" }).click();
  await expect(terms.getByText("Write the terms (at least 20 characters)")).toBeVisible();
  await terms.getByLabel("Terms and conditions").fill(TERMS);
  await terms.getByRole("button", { name: "Publish terms" }).click();
  await expect(terms.getByText("Version 1 published.")).toBeVisible();
  await expect(terms.getByTestId("terms-versions")).toContainText("Version 1");
  await shootBoth(page, "admin-program-signup-settings");
});

/** Fills the sign-up form of the program: the fixed fields, the question and the terms. */
async function signUp(page: Page, who: typeof A, markets: string) {
  await page.getByLabel("Name or company").fill(who.name);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByLabel(QUESTION).fill(markets);
  await page.getByLabel("I accept the terms and conditions").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/login\?applied=1/);
}

/** The owner approves a pending application from the list, then opens the partner's page. */
async function approve(page: Page, who: typeof A) {
  await page.goto(`/admin/partners?status=pending&q=${encodeURIComponent(who.email)}`);
  const row = page.getByTestId("partner-row").filter({ hasText: who.name });
  await row.getByRole("button", { name: `Approve ${who.name}` }).click();
  await expect(row).toBeHidden();
  await page.goto(`/admin/partners?status=approved&q=${encodeURIComponent(who.email)}`);
  await page.getByTestId("partner-row").getByRole("link", { name: who.name }).click();
  await expect(page).toHaveURL(/\/admin\/partners\/prt_/);
}

test("partner A signs up, answering the question and accepting the terms, and is approved", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name or company").fill(A.name);
  await page.getByLabel("Email").fill(A.email);
  await page.getByLabel("Password").fill(A.password);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Answer this question")).toBeVisible();
  await expect(page.getByText("Accept the terms and conditions to sign up")).toBeVisible();
  await expect(page.getByText("Promote Acme honestly")).toBeVisible();
  await shootBoth(page, "signup-question-terms-errors");
  await signUp(page, A, "UK and Ireland");

  await signIn(page);
  await approve(page, A);
  await expect(page.getByText("UK and Ireland")).toBeVisible();
  await expect(page.getByTestId("terms-acceptances")).toContainText("Version 1");
  await expect(page.getByTestId("plans-now")).toContainText("Casino CPA");
  await shootBoth(page, "admin-partner-a");
});

test("partner B signs up through A's recruit link and is approved with A as sponsor", async ({ page }) => {
  await login(page, A.email, A.password);
  await page.goto("/portal/sub-affiliates");
  recruitLink = ((await page.getByTestId("recruit-link").textContent()) ?? "").trim();
  expect(recruitLink).toMatch(/\/signup\?ref=[a-z0-9]{10}$/);
  await logout(page);

  const url = new URL(recruitLink);
  await page.goto(`${url.pathname}${url.search}`);
  await expect(page.getByTestId("recruited-by")).toContainText(`invited by ${A.name}`);
  await signUp(page, B, "Germany");

  await signIn(page);
  await approve(page, B);
  await expect(page.getByText(`Sponsored by ${A.name}`)).toBeVisible();
  await shootBoth(page, "admin-partner-b");
});

test("B's click and a postback pay B a commission, and A the override once approved", async ({ page, request }) => {
  await login(page, B.email, B.password);
  const row = page.getByTestId("link-row").filter({ hasText: "Acme Casino" });
  const trackingUrl = ((await row.getByTestId("tracking-link").textContent()) ?? "").trim();
  expect(trackingUrl).toMatch(/\/r\/[a-z0-9]{8}$/);
  await logout(page);

  // A visitor's browser, not Playwright's own user agent: that one is a bot to the fraud checks.
  const click = await request.get(new URL(trackingUrl).pathname, { maxRedirects: 0, headers: { "user-agent": BROWSER_UA } });
  expect(click.status()).toBe(302);
  const location = new URL(click.headers()["location"] ?? "");
  expect(location.host).toBe("casino.acme.example");
  const clickId = location.searchParams.get("cid") ?? "";
  expect(clickId).toMatch(/^clk_/);

  // the program's token, revealed on its page
  await signIn(page);
  await page.getByRole("navigation").getByRole("link", { name: "Programs" }).click();
  await page.getByRole("link", { name: "Acme Partners" }).first().click();
  await page.getByRole("button", { name: "Reveal" }).click();
  const token = page.getByTestId("postback-token");
  await expect(token).toHaveText(/^[0-9a-f]{48}$/);
  const postbackToken = ((await token.textContent()) ?? "").trim();

  // a deposit a few minutes after the click: one within seconds of its click looks like click injection
  const occurredAt = new Date(Date.now() + 4 * 60_000).toISOString();
  const postback = await request.get("/api/postback", { params: { token: postbackToken, click_id: clickId, event: "ftd", txn_id: "e2e-empty-ftd-1", amount: "250.00", currency: "EUR", occurred_at: occurredAt } });
  expect(postback.status()).toBe(200);
  expect(await postback.json()).toMatchObject({ status: "accepted" });

  await page.goto("/admin/commissions");
  const own = page.getByTestId("commission-row").filter({ hasText: B.name });
  const override = page.getByTestId("commission-row").filter({ hasText: A.name });
  // attribution runs in the background: the commissions appear within moments
  await expect(async () => {
    await page.reload();
    await expect(own).toBeVisible({ timeout: 1000 });
    await expect(override).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(own).toContainText("€100.00");
  await expect(override).toContainText("€10.00");
  await shootBoth(page, "admin-commissions-override");
  await own.getByRole("checkbox").check();
  await override.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Approve selected" }).click();
  await expect(own).toBeHidden();
  await expect(override).toBeHidden();
  await page.goto("/admin/commissions?status=approved");
  await expect(page.getByTestId("commission-row").filter({ hasText: B.name })).toContainText("Approved");
  await logout(page);

  await login(page, A.email, A.password);
  await page.goto("/portal/sub-affiliates");
  await expect(page.getByTestId("recruit-row").filter({ hasText: B.name })).toContainText("€10.00");
  await page.goto("/portal/earnings");
  await expect(page.getByText("override", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("€10.00").first()).toBeVisible();
  await shootBoth(page, "portal-earnings-override");
});

test("B gives payout details, the owner pays the EUR batch, and B sees the commission paid", async ({ page }) => {
  await login(page, B.email, B.password);
  await page.getByRole("navigation").getByRole("link", { name: "Payouts" }).click();
  await page.getByLabel("Payment method").selectOption("bank_transfer");
  await page.getByLabel("Account holder").fill(B.name);
  await page.getByLabel("IBAN").fill("DE89 3704 0044 0532 0130 00");
  await page.getByRole("button", { name: "Save payout details" }).click();
  await expect(page.getByText(`Currently: Bank transfer to ${B.name}, IBAN DE89 3704 0044 0532 0130 00`)).toBeVisible();
  await logout(page);

  await signIn(page);
  await page.goto("/admin/payouts");
  // A's €10.00 override waits below the minimum payout and without payout details; B's €100.00 is due.
  await page.getByTestId("payable-EUR").getByRole("button", { name: "Create EUR batch" }).click();
  await expect(page.getByTestId("batch-line").filter({ hasText: B.name })).toContainText("€100.00");
  await expect(page.getByTestId("batch-line").filter({ hasText: A.name })).toHaveCount(0);
  await page.getByRole("button", { name: "Approve batch" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm approval" }).click();
  await page.getByRole("button", { name: "Mark paid" }).click();
  await page.getByLabel("Payment reference").fill("WIRE-EMPTY-1");
  await page.getByRole("button", { name: "Confirm payment" }).click();
  await expect(page.getByRole("button", { name: "Mark paid" })).toBeHidden();
  await page.goto("/admin/payouts");
  await expect(page.getByTestId("batch-row").filter({ hasText: "ref WIRE-EMPTY-1" })).toContainText("Paid");
  await shootBoth(page, "admin-payouts-paid");
  await logout(page);

  await login(page, B.email, B.password);
  await page.getByRole("navigation").getByRole("link", { name: "Earnings" }).click();
  const row = page.getByTestId("commission-row").first();
  await expect(row).toContainText("Paid");
  await expect(row).toContainText("€100.00");
  await shootBoth(page, "portal-earnings-paid");
});
