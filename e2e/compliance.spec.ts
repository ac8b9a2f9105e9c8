import { expect, test, type Page } from "@playwright/test";
import { png } from "../test/images";
import { BROWSER_UA, DEMO, login, logout, postbackToken, screenshot } from "./helpers";

// One partner from sign-up to a paid invoice: the operator asks for a W-8BEN outside the US, uploads a banner and
// writes to partners; the new partner reads the news, copies the banner with their own tracking link, uploads the
// W-8BEN, and their commission is held until an admin approves it, then paid with a self-billing invoice.
test.describe.configure({ mode: "serial" });

const stamp = Date.now();
const partner = { name: `Dora Docs ${stamp}`, email: `dora-${stamp}@example.com`, password: "dora-strong-password" };
const W8BEN = Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% W-8BEN of ${partner.name}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
const banner = `Spring leaderboard ${stamp}`;
const news = `Spring promotion ${stamp}`;

async function phone(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("the operator asks for a W-8BEN outside the US and sets the company details", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name or company").fill(partner.name);
  await page.getByLabel("Email").fill(partner.email);
  await page.getByLabel("Password").fill(partner.password);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/login\?applied=1/);

  await login(page, DEMO.admin, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "Partners", exact: true }).click();
  const row = page.getByTestId("partner-row").filter({ hasText: partner.name });
  await row.getByRole("button", { name: `Approve ${partner.name}` }).click();
  await expect(row).toBeHidden();
  // the demo casino holds commissions for 30 days; this story approves its commission at once
  await page.goto("/admin/plans");
  const casino = page.getByTestId("offer-rules-row").filter({ hasText: "Lucky Star Casino" });
  await casino.getByRole("button", { name: "Edit commission rules of Lucky Star Casino" }).click();
  await page.getByRole("dialog").getByLabel("Hold (days)").fill("0");
  await page.getByRole("dialog").getByLabel(/Approve automatically/).uncheck();
  await page.getByRole("dialog").getByRole("button", { name: "Save rules" }).click();
  await expect(casino).toContainText("None");

  await page.goto("/admin/settings/documents");
  await page.getByLabel("Document", { exact: true }).selectOption("w8ben");
  await page.getByLabel("Label partners see").fill("Form W-8BEN");
  await page.getByLabel("Who").selectOption("except");
  await page.getByRole("button", { name: "Add requirement" }).click();
  await expect(page.getByText("Name at least one country, or ask every partner")).toBeVisible();
  await page.getByLabel("Countries").fill("US");
  await page.getByRole("button", { name: "Add requirement" }).click();
  await expect(page.getByTestId("requirement-list")).toContainText("Everyone except US");
  await page.getByLabel("Company name").fill("Lucky Star Group Ltd");
  await page.getByLabel("Country (2 letters)").fill("MT");
  await page.getByLabel("Address").fill("1 Harbour Street, Valletta");
  await page.getByLabel("VAT number").fill("MT1234567");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(/Not the format of MT VAT numbers/)).toBeVisible();
  await page.getByLabel("VAT number").fill("MT12345678");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await screenshot(page, "admin-document-settings");
  await phone(page, "admin-document-settings");
  await logout(page);
});

test("the operator uploads a banner; an HTML file named .png is refused", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "Creatives" }).first().click();
  await expect(page.getByRole("heading", { name: "Creatives" })).toBeVisible();
  await page.getByRole("button", { name: "New creative" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Offer").selectOption({ label: "Lucky Star Casino" });
  await dialog.getByLabel("Name").fill(banner);
  await dialog.getByLabel("Image file").setInputFiles({ name: "banner.png", mimeType: "image/png", buffer: Buffer.from("<!doctype html><script>alert(document.domain)</script>") });
  await dialog.getByRole("button", { name: "Create creative" }).click();
  await expect(dialog.getByText("This file is HTML or XML text, not an image")).toBeVisible();
  await screenshot(page, "creative-refused", { fullPage: false });

  await dialog.getByLabel("Image file").setInputFiles({ name: "leaderboard.png", mimeType: "image/png", buffer: png(728, 90) });
  await dialog.getByLabel("Tags (optional)").fill("spring, casino");
  await dialog.getByRole("button", { name: "Create creative" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("creative-row").filter({ hasText: banner });
  await expect(row).toContainText("728×90");
  await screenshot(page, "admin-creatives");
  await phone(page, "admin-creatives");
});

test("the operator writes an announcement to every partner, e-mailed", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/announcements");
  await page.getByRole("button", { name: "New announcement" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Title").fill(news);
  await dialog.getByLabel("Message").fill("Double commission on first deposits this week.\n\nBanners are in your Creatives page.");
  await dialog.getByLabel("Also e-mail it").check();
  await dialog.getByRole("button", { name: "Send announcement" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Sent to \d+ partners?, \d+ by e-mail/ })).toBeVisible();
  await expect(page.getByTestId("announcement-row").filter({ hasText: news })).toContainText("Read by 0 of");
  await screenshot(page, "admin-announcements");
  await phone(page, "admin-announcements");
  await logout(page);
});

test("the new partner reads the news and copies the banner with their own link", async ({ page }) => {
  await login(page, partner.email, partner.password);
  const nav = page.getByRole("navigation").first();
  await expect(nav.getByRole("link", { name: /Announcements/ }).getByTestId("nav-badge")).toBeVisible();
  await page.goto("/portal/announcements");
  const item = page.getByTestId("partner-announcement").filter({ hasText: news });
  await expect(item).toHaveAttribute("data-unread", "true");
  await screenshot(page, "portal-announcements");
  await phone(page, "portal-announcements");
  await item.getByRole("button", { name: "Mark read" }).click();
  await expect(item).not.toHaveAttribute("data-unread", "true");

  await page.goto("/portal/creatives");
  const card = page.getByTestId("partner-creative").filter({ hasText: banner });
  await card.getByLabel("sub1").fill("newsletter");
  const snippet = card.getByTestId("creative-snippet");
  await expect(snippet).toHaveValue(/<a href="http:\/\/localhost:\d+\/r\/[a-z0-9-]+\?sub1=newsletter"/);
  const imgUrl = (await snippet.inputValue()).match(/src="([^"]+)"/)?.[1] ?? "";
  expect(imgUrl).toMatch(/\/api\/creatives\/crv_[0-9a-z]{26}\/i\?p=/);
  await card.getByRole("tab", { name: "BBCode" }).click();
  await expect(snippet).toHaveValue(/^\[url=.*sub1=newsletter\]\[img\]/);
  await screenshot(page, "portal-creatives");
  await phone(page, "portal-creatives");

  // the embedded image is a plain image with the protective headers; each view counts an impression
  const img = await page.request.get(imgUrl);
  expect(img.headers()["content-type"]).toBe("image/png");
  expect(img.headers()["content-security-policy"]).toMatch(/^default-src 'none'/);
  expect(img.headers()["x-content-type-options"]).toBe("nosniff");
  const download = await page.request.get(await card.getByRole("link", { name: `Download ${banner}` }).getAttribute("href") ?? "");
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
  await page.reload();
  await expect(page.getByTestId("partner-creative").filter({ hasText: banner }).getByTestId("partner-creative-impressions")).toHaveText("1 impression");
});

test("the partner gives billing details and uploads a W-8BEN; a script file is refused", async ({ page }) => {
  await login(page, partner.email, partner.password);
  await page.getByRole("navigation").getByRole("link", { name: "Payouts" }).click();
  await page.getByLabel("Payment method").selectOption("paypal");
  await page.getByLabel("PayPal e-mail").fill(partner.email);
  await page.getByRole("button", { name: "Save payout details" }).click();
  await expect(page.getByText(`Currently: PayPal ${partner.email}`)).toBeVisible();

  await page.getByRole("navigation").getByRole("link", { name: "Documents" }).click();
  await page.getByLabel("Legal name").fill(`${partner.name} GmbH`);
  await page.getByLabel("Country (2 letters)").fill("DE");
  await page.getByLabel("Address").fill("Hauptstrasse 1, 10115 Berlin");
  await page.getByLabel("VAT number").fill("DE12345678");
  await page.getByLabel("I invoice as a business").check();
  await page.getByRole("button", { name: "Save billing details" }).click();
  await expect(page.getByText(/Not the format of DE VAT numbers/)).toBeVisible();
  await page.getByLabel("VAT number").fill("DE123456789");
  await page.getByRole("button", { name: "Save billing details" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByTestId("requirements")).toContainText("Form W-8BEN");
  await expect(page.getByText("Your payouts are on hold until these are approved: Form W-8BEN.")).toBeVisible();

  await page.getByLabel("Document", { exact: true }).selectOption("w8ben");
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "w8ben.png", mimeType: "image/png", buffer: Buffer.from("<html><script>alert(1)</script></html>") });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText(/not a type we recognise: upload a PDF, PNG or JPEG/)).toBeVisible();
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "w8ben.pdf", mimeType: "application/pdf", buffer: W8BEN });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText("Uploaded. The program team will review it.")).toBeVisible();
  const mine = page.getByTestId("my-documents");
  await expect(mine).toContainText("pending");
  const href = (await mine.getByRole("link", { name: /w8ben\.pdf/ }).getAttribute("href")) ?? "";
  const file = await page.request.get(href);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-disposition"]).toContain("attachment");
  expect(file.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(Buffer.from(await file.body())).toEqual(W8BEN);
  await screenshot(page, "portal-documents");
  await phone(page, "portal-documents");
  await logout(page);
});

test("a commission is held for the missing W-8BEN until the admin approves it, then paid with an invoice", async ({ request, page }) => {
  await login(page, partner.email, partner.password);
  const link = (await page.getByTestId("link-row").filter({ hasText: "Lucky Star Casino" }).getByTestId("tracking-link").textContent()) ?? "";
  await logout(page);
  const click = await request.get(link, { maxRedirects: 0, headers: { "user-agent": BROWSER_UA } });
  const clickId = new URL(click.headers()["location"] ?? "").searchParams.get("clickid") ?? "";
  const occurredAt = new Date(Date.now() + 4 * 60_000).toISOString();
  const postback = await request.get("/api/postback", { params: { token: postbackToken(), click_id: clickId, event: "ftd", txn_id: `docs-${stamp}`, amount: "250.00", currency: "USD", occurred_at: occurredAt } });
  expect(await postback.json()).toMatchObject({ status: "accepted" });

  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/commissions");
  const commission = page.getByTestId("commission-row").filter({ hasText: partner.name });
  await expect(async () => {
    await page.reload();
    await expect(commission).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await commission.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Approve selected" }).click();
  await expect(commission).toBeHidden();

  await page.goto("/admin/payouts");
  await expect(page.getByTestId("payable-USD").getByTestId("payable-row").filter({ hasText: partner.name })).toContainText("Held: Form W-8BEN not approved");
  await screenshot(page, "admin-payouts-held");

  await page.getByRole("navigation").getByRole("link", { name: "Documents" }).click();
  const doc = page.getByTestId("document-row").filter({ hasText: partner.name });
  await expect(doc).toContainText("Form W-8BEN");
  await screenshot(page, "admin-documents-queue");
  await phone(page, "admin-documents-queue");
  await doc.getByRole("button", { name: "Approve" }).click();
  await expect(doc).toBeHidden();

  await page.goto("/admin/payouts");
  await expect(page.getByTestId("payable-USD").getByTestId("payable-row").filter({ hasText: partner.name })).toContainText("Due");
  await page.getByTestId("payable-USD").getByRole("button", { name: "Create USD batch" }).click();
  await expect(page.getByTestId("batch-line").filter({ hasText: partner.name })).toContainText("$200.00");
  await page.getByRole("button", { name: "Approve batch" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm approval" }).click();
  await page.getByRole("button", { name: "Mark paid" }).click();
  await page.getByLabel("Payment reference").fill(`WIRE-DOCS-${stamp}`);
  await page.getByRole("button", { name: "Confirm payment" }).click();
  await expect(page.getByTestId("batch-invoices")).toContainText(partner.name);
  await screenshot(page, "admin-batch-invoices");

  // stop asking, so the other stories' partners are paid without a W-8BEN
  await page.goto("/admin/settings/documents");
  await page.getByRole("button", { name: "Stop asking for Form W-8BEN" }).click();
  await expect(page.getByText("No requirements")).toBeVisible();
  await logout(page);

  await login(page, partner.email, partner.password);
  await page.getByRole("navigation").getByRole("link", { name: "Statements" }).click();
  const invoice = page.getByTestId("statements").getByRole("row").filter({ hasText: /SB-\d{6}/ });
  await expect(invoice).toContainText("$200.00");
  const pdf = await page.request.get((await invoice.getByRole("link", { name: "Download" }).getAttribute("href")) ?? "");
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.from(await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  await screenshot(page, "portal-statements");
  await phone(page, "portal-statements");
});
