import { expect, test, type Page } from "@playwright/test";
import { currentTotp } from "../server/auth/totp";
import { DEMO, login, logout, screenshot } from "./helpers";

// The team story in the browser: the owner invites a finance member by e-mail (read from the dev mailbox, since
// the demo has no SMTP server), the member sets a password and two-factor, pays a batch, cannot edit a plan,
// and the owner sees each step in the audit log; then the member resets a forgotten password through the mailbox.
test.describe.configure({ mode: "serial" });

const stamp = Date.now();
const member = { name: `Fran Finance ${stamp}`, email: `fran-${stamp}@example.com`, password: "fran-strong-password", newPassword: "fran-renewed-password" };
const BOB = "Bob's Betting Tips";
let secret = "";

test.use({ viewport: { width: 1440, height: 900 } });

/** The link of the newest message to `to` whose subject matches, as the dev mailbox shows it. */
async function mailedLink(page: Page, to: string, subject: RegExp, path: string): Promise<string> {
  await page.goto("/admin/mailbox");
  const message = page.getByRole("region", { name: subject }).filter({ hasText: to }).first();
  await expect(message).toBeVisible();
  const href = (await message.getByRole("link", { name: new RegExp(`${path}\\?token=`) }).getAttribute("href")) ?? "";
  const url = new URL(href);
  return url.pathname + url.search;
}

/** Sign-in with the second step: the form asks for the code once the password is right. */
async function loginWithCode(page: Page, email: string, password: string) {
  await login(page, email, password, { expectFailure: true });
  await expect(page.getByLabel("Authentication code")).toBeVisible();
  await page.getByLabel("Authentication code").fill(currentTotp(secret));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

test("the owner invites a finance member by e-mail", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { name: "Team" })).toBeVisible();
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Send invite" }).click();
  await expect(dialog.getByText("Enter their name")).toBeVisible();
  await expect(dialog.getByText("Pick a role")).toBeVisible();
  await dialog.getByLabel("Name").fill(member.name);
  await dialog.getByLabel("Email").fill(member.email);
  await dialog.getByLabel("Role").selectOption({ label: "Finance" });
  await dialog.getByRole("button", { name: "Send invite" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("member-row").filter({ hasText: member.email });
  await expect(row).toContainText("Finance");
  await expect(row).toContainText("Invited");
  await screenshot(page, "team");
});

test("the member follows the invite from the mailbox, sets a password and two-factor", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  const invite = await mailedLink(page, member.email, /invited to the .* team/, "/invite");
  await screenshot(page, "mailbox");
  await logout(page);

  await page.goto(invite);
  await expect(page.getByRole("heading", { name: "Welcome: choose your password" })).toBeVisible();
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await page.getByLabel("New password").fill(member.password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page).toHaveURL(/\/login\?welcome=1/);
  // the link worked once
  await page.goto(invite);
  await page.getByLabel("New password").fill("another-long-password");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("This link has expired or was already used")).toBeVisible();

  await login(page, member.email, member.password);
  await page.getByRole("navigation").getByRole("link", { name: "Your account" }).click();
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Code from the app").fill("12");
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(page.getByText("Enter the 6-digit code from the app")).toBeVisible();
  await page.getByLabel("Code from the app").fill(currentTotp(secret));
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await screenshot(page, "account-recovery-codes");
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText(/Two-factor authentication is on/)).toBeVisible();
  await logout(page);

  await loginWithCode(page, member.email, member.password);
});

test("the finance member pays a batch and cannot edit a plan", async ({ page }) => {
  await loginWithCode(page, member.email, member.password);
  await page.goto("/admin/payouts");
  await page.getByRole("button", { name: "Adjust a balance" }).click();
  const adjust = page.getByRole("dialog");
  await adjust.getByLabel("Partner").selectOption({ label: BOB });
  await adjust.getByLabel("Currency").selectOption("USD");
  await adjust.getByLabel("Amount").fill("60.00");
  await adjust.getByLabel("Reason").fill(`Team story bonus ${stamp}`);
  await adjust.getByRole("button", { name: "Add adjustment" }).click();
  await expect(adjust).toBeHidden();
  await page.getByTestId("payable-USD").getByRole("button", { name: "Create USD batch" }).click();
  await expect(page.getByRole("heading", { name: "Payout batch · USD" })).toBeVisible();
  await page.getByRole("button", { name: "Approve batch" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm approval" }).click();
  await page.getByRole("button", { name: "Mark paid" }).click();
  const paid = page.getByRole("dialog");
  await paid.getByLabel("Payment reference").fill(`WIRE-TEAM-${stamp}`);
  await paid.getByRole("button", { name: "Confirm payment" }).click();
  await expect(page.getByRole("button", { name: "Mark paid" })).toBeHidden();

  await page.getByRole("navigation").getByRole("link", { name: "Plans" }).click();
  const card = page.getByTestId("plan-card").filter({ hasText: "Casino CPA" });
  await card.getByRole("button", { name: "New version of Casino CPA" }).click();
  const version = page.getByRole("dialog");
  await version.getByLabel("What changed and why").fill("Finance trying to change a plan");
  await version.getByRole("button", { name: "Save version" }).click();
  await expect(version.getByText("You do not have access to this.")).toBeVisible();
  await screenshot(page, "finance-plan-refused", { fullPage: false });
  // and the team page has no actions for finance
  await page.goto("/admin/team");
  await expect(page.getByRole("button", { name: "Invite member" })).toHaveCount(0);
});

test("the owner sees each step in the audit log, filters it and exports it", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Actor (e-mail)").fill(member.email);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/actor=/);
  const rows = page.getByTestId("audit-row");
  for (const action of ["team.confirmTwoFactor", "admin.adjustBalance", "admin.createPayoutBatch", "admin.approvePayoutBatch", "admin.markBatchPaid", "plans.addVersion"]) {
    await expect(rows.filter({ hasText: action }).first()).toBeVisible();
  }
  await expect(rows.filter({ hasText: "plans.addVersion" }).first()).toContainText("failed");
  await expect(rows.filter({ hasText: "admin.markBatchPaid" }).first()).toContainText("ok");
  await screenshot(page, "audit");
  const csv = await page.request.get((await page.getByRole("link", { name: "Export CSV" }).getAttribute("href")) ?? "");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text).toMatch(/^at,entry_id,actor,actor_role,action/);
  expect(text).toContain("admin.markBatchPaid");
  expect(text).not.toContain(secret);

  await page.goto(`/admin/audit?action=team.invite`);
  await expect(rows.filter({ hasText: DEMO.admin }).first()).toBeVisible();
});

test("a forgotten password is reset through the mailbox", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  // the form may still be hydrating after the client-side navigation: fill and send until it answers
  await expect(async () => {
    await page.getByLabel("Email").fill(member.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toContainText("If an account uses that address", { timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  // an unknown address gets the very same answer
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(`nobody-${stamp}@example.com`);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses that address");

  await login(page, DEMO.admin, DEMO.password);
  const reset = await mailedLink(page, member.email, /Reset your password/, "/reset-password");
  await logout(page);
  await page.goto(reset);
  await page.getByLabel("New password").fill(member.newPassword);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1/);
  await login(page, member.email, member.password, { expectFailure: true });
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await loginWithCode(page, member.email, member.newPassword);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Your account" })).toBeVisible();
});
