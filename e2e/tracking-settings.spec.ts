import { expect, test } from "@playwright/test";
import { DEMO, login, logout, screenshot } from "./helpers";

// Tracking settings end to end: a coupon for Alice, an offer's deep-link hosts and postback security,
// then Alice's own link with an alias, built with sub-IDs and a deep link, paused and resumed.
test.describe.configure({ mode: "serial" });

const stamp = Date.now().toString(36);
const alias = `spring-${stamp}`;
const coupon = `alice_${stamp}`;
const ALICE = "alice@example.com";

test("Alice has no coupon yet", async ({ page }) => {
  await login(page, ALICE, DEMO.password);
  await page.goto("/portal/links");
  await expect(page.getByText("No coupon codes yet")).toBeVisible();
  await screenshot(page, "portal-links-no-coupons");
  await logout(page);
});

test("the admin creates a coupon for Alice, with field errors first", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "Coupons" }).click();
  await expect(page.getByRole("heading", { name: "Coupons" })).toBeVisible();
  await expect(page.getByTestId("coupon-row").filter({ hasText: coupon.toUpperCase() })).toHaveCount(0);

  await page.getByRole("button", { name: "New coupon" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Create coupon" }).click();
  await expect(dialog.getByText("Pick a partner")).toBeVisible();
  await expect(dialog.getByText("Pick an offer")).toBeVisible();
  await expect(dialog.getByText("Use at least 3 characters")).toBeVisible();
  await dialog.getByLabel("Code").fill("10% off");
  await dialog.getByRole("button", { name: "Create coupon" }).click();
  await expect(dialog.getByText("Use letters, digits, dashes and underscores only")).toBeVisible();
  await screenshot(page, "admin-coupon-errors", { fullPage: false });

  await dialog.getByLabel("Partner").selectOption({ label: "Alice Media" });
  await dialog.getByLabel("Offer").selectOption({ label: "Lucky Star Casino" });
  await dialog.getByLabel("Code").fill(coupon);
  await dialog.getByRole("button", { name: "Create coupon" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("coupon-row").filter({ hasText: coupon.toUpperCase() });
  await expect(row).toContainText("Alice Media");
  await expect(row).toContainText("Lucky Star Casino");
  await expect(row).toContainText("Active");

  // The same code in another case is taken in this program.
  await page.getByRole("button", { name: "New coupon" }).click();
  await dialog.getByLabel("Partner").selectOption({ label: "Bob's Betting Tips" });
  await dialog.getByLabel("Offer").selectOption({ label: "Apex Markets FX" });
  await dialog.getByLabel("Code").fill(coupon.toLowerCase());
  await dialog.getByRole("button", { name: "Create coupon" }).click();
  await expect(dialog.getByText("This code is taken in this program")).toBeVisible();
  await screenshot(page, "admin-coupon-taken", { fullPage: false });
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await row.getByRole("button", { name: `Pause ${coupon.toUpperCase()}` }).click();
  await expect(row).toContainText("Paused");
  await row.getByRole("button", { name: `Resume ${coupon.toUpperCase()}` }).click();
  await expect(row).toContainText("Active");
  await screenshot(page, "admin-coupons");
});

test("the admin edits an offer's deep link hosts and the postback security", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  // Offers are edited on their own page, reached from the offers list.
  await page.goto("/admin/offers");
  await page.getByRole("link", { name: "Lucky Star Casino" }).first().click();
  await expect(page.getByRole("heading", { name: "Lucky Star Casino" })).toBeVisible();
  await page.getByLabel("Deep link hosts").fill("www.casino.example.com\nhttps://casino.example.com/promo");
  await page.getByRole("button", { name: "Save offer" }).click();
  await expect(page.getByText("“https://casino.example.com/promo” is not a hostname")).toBeVisible();
  await screenshot(page, "admin-offer-edit-errors", { fullPage: false });
  await page.getByLabel("Deep link hosts").fill("www.casino.example.com\n*.promo.casino.example.com");
  await page.getByRole("button", { name: "Save offer" }).click();
  await expect(page.getByText("Saved. The next click uses it.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Deep link hosts")).toHaveValue(/\*\.promo\.casino\.example\.com/);

  await page.goto("/admin/settings");
  // Every program has its own security card; the demo's first program is Lucky Star Group.
  const security = page.locator("section", { has: page.getByRole("heading", { name: "Postback security" }) }).first();
  const secrets = security.getByTestId("masked-secret");
  await security.getByRole("button", { name: "Generate signing secret" }).click();
  await expect(secrets).toHaveCount(1);
  await security.getByRole("button", { name: "Generate signing secret" }).click();
  await expect(secrets).toHaveCount(2);
  await expect(secrets.first()).toHaveText(/^•{12}[0-9a-f]{4}$/);
  await security.getByLabel("Postback IP allowlist").fill("203.0.113.7\n10.0.0.0/33");
  await security.getByRole("button", { name: "Save allowlist" }).click();
  await expect(page.getByText("“10.0.0.0/33” is not an IP address or CIDR range")).toBeVisible();
  await screenshot(page, "admin-settings-security");
  await security.getByRole("button", { name: "Retire oldest" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Retire secret" }).click();
  await expect(secrets).toHaveCount(1);
  // Leave postbacks open to any address: other stories send them from localhost.
  await security.getByLabel("Postback IP allowlist").fill("");
  await security.getByRole("button", { name: "Save allowlist" }).click();
  await expect(security.getByText("Saved")).toBeVisible();
  await screenshot(page, "admin-settings-offers");
  await logout(page);
});

test("Alice creates a link with an alias, builds a deep link and sees her coupon", async ({ page, request }) => {
  await login(page, ALICE, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "Links" }).click();
  await expect(page.getByRole("heading", { name: "Links", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "New link" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Alias (optional)").fill("ab");
  await dialog.getByRole("button", { name: "Create link" }).click();
  await expect(dialog.getByText("Pick an offer")).toBeVisible();
  await expect(dialog.getByText("Use at least 3 characters")).toBeVisible();
  // "demo" is the code of an existing link: codes and aliases share one namespace.
  const offer = dialog.getByLabel("Offer");
  await offer.selectOption((await offer.locator("option", { hasText: "Lucky Star Casino" }).getAttribute("value")) ?? "");
  await dialog.getByLabel("Alias (optional)").fill("demo");
  await dialog.getByRole("button", { name: "Create link" }).click();
  await expect(dialog.getByText("This alias is taken")).toBeVisible();
  await screenshot(page, "portal-new-link-taken", { fullPage: false });
  await dialog.getByLabel("Label (optional)").fill("Spring newsletter");
  await dialog.getByLabel("Alias (optional)").fill(alias.toUpperCase());
  await dialog.getByRole("button", { name: "Create link" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId("managed-link").filter({ hasText: "Spring newsletter" });
  const url = (await row.getByTestId("managed-link-url").textContent()) ?? "";
  expect(url).toMatch(new RegExp(`/r/${alias}$`));
  await expect(row).toContainText("Active");
  await expect(page.getByTestId("partner-coupon")).toContainText(coupon.toUpperCase());

  const click = await request.get(url, { maxRedirects: 0 });
  expect(click.status()).toBe(302);
  expect(new URL(click.headers()["location"] ?? "").host).toBe("casino.example.com");

  await page.getByLabel("Link", { exact: true }).selectOption({ label: `Spring newsletter — ${url.replace(/^https?:\/\//, "")}` });
  await page.getByLabel("sub1").fill("news letter");
  await page.getByLabel("Deep link (optional)").fill("https://evil.example.com/");
  await expect(page.getByText("This offer deep-links only to")).toBeVisible();
  await page.getByLabel("Deep link (optional)").fill("https://www.casino.example.com/promo?x=1");
  const built = `${url}?sub1=news+letter&url=https%3A%2F%2Fwww.casino.example.com%2Fpromo%3Fx%3D1`;
  await expect(page.getByTestId("built-link")).toHaveText(built);
  const deep = await request.get(built, { maxRedirects: 0 });
  expect(deep.status()).toBe(302);
  const location = new URL(deep.headers()["location"] ?? "");
  expect(location.host).toBe("www.casino.example.com");
  expect(location.pathname).toBe("/promo");
  expect(location.searchParams.get("s1")).toBe("news letter");
  await screenshot(page, "portal-links");

  await row.getByRole("button", { name: "Pause Spring newsletter" }).click();
  await expect(row).toContainText("Paused");
  expect((await request.get(url, { maxRedirects: 0 })).status()).toBe(404);
  await row.getByRole("button", { name: "Resume Spring newsletter" }).click();
  await expect(row).toContainText("Active");
  expect((await request.get(url, { maxRedirects: 0 })).status()).toBe(302);

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(row.getByTestId("managed-link-url")).toBeVisible();
  await screenshot(page, "portal-links-phone");
  await page.setViewportSize({ width: 1280, height: 720 });
  await logout(page);
});

test("another partner sees neither Alice's link nor her coupon", async ({ page }) => {
  await login(page, "bob@example.com", DEMO.password);
  await page.goto("/portal/links");
  await expect(page.getByRole("heading", { name: "Your links" })).toBeVisible();
  await expect(page.getByTestId("managed-link").filter({ hasText: "Spring newsletter" })).toHaveCount(0);
  await expect(page.getByTestId("partner-coupon").filter({ hasText: coupon.toUpperCase() })).toHaveCount(0);
  await screenshot(page, "portal-links-other-partner");
});

test("Alice points Touchpoint at her own tracker, with field errors first", async ({ page }) => {
  await login(page, ALICE, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "Postbacks" }).click();
  await expect(page.getByRole("heading", { name: "Postbacks", exact: true })).toBeVisible();
  await screenshot(page, "portal-postbacks");
  await page.getByRole("button", { name: "Add postback" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("URL template").fill("javascript:alert(1)");
  await dialog.getByRole("button", { name: "Save postback" }).click();
  await expect(dialog.getByText(/Only http and https URLs are allowed|Enter a valid URL|valid URL/)).toBeVisible();
  await screenshot(page, "portal-postback-errors", { fullPage: false });
  await dialog.getByLabel("URL template").fill(`https://tracker.example.com/pb?cid={sub1}&payout={payout}&s=${stamp}`);
  await dialog.getByRole("button", { name: "Save postback" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`s=${stamp}`)).toBeVisible();
  await screenshot(page, "portal-postbacks-saved");
  await logout(page);
});
