import { expect, test, type Page } from "@playwright/test";
import { png } from "../test/images";
import { DEMO, login, logout, screenshot } from "./helpers";

// Creatives and announcements: the operator uploads a banner and writes to partners; a partner reads the news and
// copies the banner with their own tracking link.
test.describe.configure({ mode: "serial" });

const ALICE = "alice@example.com";
const banner = `Spring leaderboard ${Date.now()}`;
const news = `Spring promotion ${Date.now()}`;

async function phone(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

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

test("a partner reads the news and copies the banner with their own link", async ({ page }) => {
  await login(page, ALICE, DEMO.password);
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
