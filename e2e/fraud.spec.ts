import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, login, logout, postbackToken, screenshot } from "./helpers";

// Fraud review end to end: a crawler bursts through Alice's demo link and two of its clicks "convert". Both
// are held; the admin reads the evidence, rejects one and blocks the address; Alice sees "held for review"
// and "rejected: <category>" (never the rules), appeals the held one, and the admin clears it with an answer.
test.describe.configure({ mode: "serial" });

const ALICE = "alice@example.com";
const BOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const stamp = Date.now().toString(36);
// Other stories send their traffic from this machine too, and the checks may flag some of it: this story
// counts only its own transactions.
const ours = `e2e-bot-${stamp}-`;
let appealed = "";

const card = (page: Page, title: string) => page.locator("section", { has: page.getByRole("heading", { name: title, exact: true }) });

async function botClick(request: APIRequestContext): Promise<string> {
  const click = await request.get("/r/demo?sub1=crawl", { maxRedirects: 0, headers: { "user-agent": BOT_UA } });
  expect(click.status()).toBe(302);
  return new URL(click.headers()["location"] ?? "").searchParams.get("clickid") ?? "";
}

test("a bot burst converts twice: both conversions are held for review", async ({ request }) => {
  const clicks: string[] = [];
  for (let i = 0; i < 8; i++) clicks.push(await botClick(request));
  // A minute after the click, so the timing rule stays out of it: the burst alone must hold these.
  const occurredAt = new Date(Date.now() + 60_000).toISOString();
  for (const [i, clickId] of [clicks[7], clicks[6]].entries()) {
    const r = await request.get("/api/postback", { params: { token: postbackToken(), click_id: clickId ?? "", event: "ftd", txn_id: `${ours}${i}`, amount: "80.00", currency: "USD", occurred_at: occurredAt } });
    expect(r.status()).toBe(200);
    expect(await r.json()).toMatchObject({ status: "accepted" });
  }
});

test("the admin reviews the queue and the evidence, rejects one and blocks the address", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "Fraud review" }).click();
  await expect(page.getByRole("heading", { name: "Fraud review", exact: true })).toBeVisible();
  const rows = page.getByTestId("fraud-row").filter({ hasText: "Alice Media" }).filter({ hasText: ours });
  // The checks run in the background: the items appear within moments.
  await expect(async () => {
    await page.reload();
    await expect(rows).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(rows.first()).toContainText("Hold · 60");
  await expect(rows.first()).toContainText("Bot or crawler user agent, Duplicate clicks");
  await expect(card(page, "Risk by partner").getByTestId("risk-row").filter({ hasText: "Alice Media" })).toContainText(/Bot or crawler user agent/);
  await screenshot(page, "admin-fraud-queue");

  await rows.first().getByRole("link", { name: /Review conversion/ }).click();
  await expect(page.getByRole("heading", { name: "FTD by Alice Media" })).toBeVisible();
  await expect(page.getByTestId("rule-hit")).toHaveCount(2);
  await expect(page.getByTestId("rule-hit").filter({ hasText: "Duplicate clicks" })).toContainText("clicks on this link from the same IP address");
  await expect(page.getByText("The partner sees: automated traffic, duplicate activity")).toBeVisible();
  await expect(page.getByTestId("evidence-click").first()).toContainText("bot");
  await screenshot(page, "admin-fraud-evidence");

  await page.getByRole("button", { name: "Reject" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Reject and reverse" }).click();
  await expect(dialog.getByText("Say why (at least 3 characters).")).toBeVisible();
  await screenshot(page, "admin-fraud-reject-error", { fullPage: false });
  await dialog.getByLabel("Why").fill("Googlebot does not deposit");
  await dialog.getByRole("button", { name: "Reject and reverse" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Rejected", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Note: Googlebot does not deposit")).toBeVisible();
  await expect(card(page, "Commissions")).toContainText("Reversed");

  await page.getByRole("button", { name: "Block this IP" }).click();
  const block = page.getByRole("dialog");
  await expect(block.getByLabel("IP address")).not.toHaveValue("");
  await block.getByLabel("Reason").fill("Crawler burst on the demo link");
  await screenshot(page, "admin-fraud-block-dialog", { fullPage: false });
  await block.getByRole("button", { name: "Block", exact: true }).click();
  await expect(block).toBeHidden();
  await expect(page.getByText("IP blocked")).toBeVisible();

  await page.goto("/admin/fraud");
  await expect(page.getByTestId("fraud-row").filter({ hasText: ours })).toHaveCount(1);
  await expect(card(page, "Block list").getByTestId("block-row")).toContainText("Crawler burst on the demo link");
  await logout(page);
});

test("Alice sees held and rejected by category only, and appeals the held one", async ({ page }) => {
  await login(page, ALICE, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "Reviews" }).click();
  const rows = page.getByTestId("review-row").filter({ hasText: ours });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Rejected: automated traffic, duplicate activity" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Held for review" })).toHaveCount(1);
  await expect(page.locator("main")).not.toContainText(/bot_user_agent|duplicate_clicks|Googlebot|127\.0\.0\.1|::1/);
  await screenshot(page, "portal-reviews");

  await page.goto("/portal/earnings?status=pending");
  await expect(page.getByTestId("commission-row").filter({ hasText: ours }).filter({ hasText: "Held for review" })).toHaveCount(1);
  await screenshot(page, "portal-earnings-held");

  await page.goto("/portal/reviews");
  await rows.filter({ hasText: "Held for review" }).getByRole("link", { name: "View or appeal" }).click();
  await expect(page).toHaveURL(/\/portal\/conversions\/cnv_/);
  appealed = new URL(page.url()).pathname.split("/").pop() ?? "";
  const review = page.getByTestId("partner-review");
  await expect(review).toContainText("Held for review");
  await expect(review).toContainText("Some of this traffic appears to be automated.");
  await review.getByRole("button", { name: "Send appeal" }).click();
  await expect(review.getByText("Tell the program what happened (at least 10 characters)")).toBeVisible();
  await screenshot(page, "portal-appeal-error");
  await review.getByLabel("Appeal").fill("Our review page is prerendered by a search crawler; the depositor is a real newsletter reader.");
  await review.getByRole("button", { name: "Send appeal" }).click();
  await expect(review.getByTestId("my-appeal")).toContainText("waiting for an answer");
  await expect(review.getByRole("button", { name: "Send appeal" })).toBeHidden();
  await screenshot(page, "portal-appeal-sent");
  await logout(page);
});

test("the admin answers the appeal by clearing the conversion, then lifts the block", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/fraud?view=appealed");
  const row = page.getByTestId("fraud-row").filter({ hasText: ours }).filter({ hasText: "Appeal waiting" });
  await expect(row).toHaveCount(1);
  await row.getByRole("link", { name: /Review conversion/ }).click();
  await expect(page.getByTestId("appeal")).toContainText("prerendered by a search crawler");
  await page.getByRole("button", { name: "Clear" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Answer to the partner's appeal").fill("Thanks: the deposit checks out, the commission is released.");
  await screenshot(page, "admin-fraud-clear-dialog", { fullPage: false });
  await dialog.getByRole("button", { name: "Clear conversion" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("appeal")).toContainText("Answered");
  await screenshot(page, "admin-fraud-cleared");

  // Other stories send traffic from this machine: the block goes, and stays on record as lifted.
  await page.goto("/admin/fraud");
  const block = card(page, "Block list").getByTestId("block-row").first();
  await block.getByRole("button", { name: /Lift block/ }).click();
  await expect(block).toContainText("lifted");
  await screenshot(page, "admin-fraud-after");
  await logout(page);

  await login(page, ALICE, DEMO.password);
  await page.goto(`/portal/conversions/${appealed}`);
  await expect(page.getByTestId("my-appeal")).toContainText("the commission is released");
  await expect(page.getByTestId("partner-review")).not.toContainText("Held for review");
  await screenshot(page, "portal-appeal-answered");
  await logout(page);
});

test("the admin sets an offer's accepted countries and a rule's points, with field errors first", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/fraud");
  await page.getByRole("main").getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Fraud settings" })).toBeVisible();
  await screenshot(page, "admin-fraud-settings");

  const row = page.getByTestId("offer-fraud-row").filter({ hasText: "Lucky Star Casino" });
  await row.getByRole("button", { name: /Edit fraud settings/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Countries accepted").fill("DE, Austria");
  await dialog.getByRole("button", { name: "Save offer settings" }).click();
  await expect(dialog.getByText('"AUSTRIA" is not a two-letter country code')).toBeVisible();
  await dialog.getByLabel("Countries accepted").fill("DE, AT, CH");
  await dialog.getByTestId("rule-ctit_too_short").getByLabel("Points").fill("");
  await dialog.getByRole("button", { name: "Save offer settings" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Converted too soon after the click, Points");
  await screenshot(page, "admin-fraud-offer-errors", { fullPage: false });
  await dialog.getByTestId("rule-ctit_too_short").getByLabel("Points").fill("60");
  await dialog.getByRole("button", { name: "Save offer settings" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("AT, CH, DE");
  await expect(row).toContainText("1 overridden");
  await screenshot(page, "admin-fraud-settings-saved");
  await logout(page);
});
