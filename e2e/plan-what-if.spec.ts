import { expect, test, type Page } from "@playwright/test";
import { DEMO, login, screenshot } from "./helpers";

// The plan what-if: an admin picks terms, a past period and partners, and reads what those terms would have paid
// next to what was paid, per partner and per currency. Nothing is written.
const PHONE = { width: 390, height: 844 };
test.use({ viewport: { width: 1440, height: 900 } });

/** The page at 1440 px, then at a phone's 390 px, each also as a shot of the What if card alone. */
async function shootBoth(page: Page, name: string) {
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: "What if" }) });
  await screenshot(page, name);
  await card.screenshot({ path: `test-results/screens/${name}-card.png` });
  await page.setViewportSize(PHONE);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await screenshot(page, `${name}-phone`);
  await card.screenshot({ path: `test-results/screens/${name}-card-phone.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("the admin prices a changed copy of a plan over the last 90 days for some partners", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/plans");
  const form = page.getByRole("form", { name: "Plan what-if" });
  await expect(form).toBeVisible();

  // no partner picked: the field says so, and nothing is priced
  await form.getByRole("button", { name: "Price the period" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "Pick at least one partner" })).toBeVisible();
  await expect(page.getByTestId("what-if-result")).toHaveCount(0);

  // on one offer when the program has several: the terms' currency is that offer's
  const on = form.getByLabel("On", { exact: true });
  if (await on.count()) {
    await on.selectOption({ index: 1 });
    const label = await on.locator("option:checked").textContent();
    // a plan in USD tried on an offer in another currency says it would pay nothing there
    if (!label?.includes("(USD)")) await expect(form.getByRole("status")).toContainText("earn nothing under them");
    const usd = await on.locator("option", { hasText: "(USD)" }).first().getAttribute("value");
    if (usd) await on.selectOption(usd);
  }
  const partners = form.getByRole("group", { name: /Partners/ }).getByRole("checkbox");
  await partners.nth(0).check();
  await partners.nth(1).check();
  await form.getByRole("button", { name: "Price the period" }).click();
  const result = page.getByTestId("what-if-result");
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("what-if-totals").getByText(/^Total [A-Z]{3}$/).first()).toBeVisible();
  await result.scrollIntoViewIfNeeded();
  await shootBoth(page, "admin-plan-what-if");

  // a changed copy of the terms: a bad amount is a field error, not a failure
  await form.getByRole("checkbox", { name: /Change its terms/ }).check();
  const cpa = form.getByRole("textbox", { name: /^CPA amount/ });
  if (await cpa.count()) {
    await cpa.fill("-5");
    await form.getByRole("button", { name: "Price the period" }).click();
    await expect(form.getByText(/amount/i).first()).toBeVisible();
    await cpa.fill("250");
    await form.getByRole("button", { name: "Price the period" }).click();
    await expect(result).toBeVisible({ timeout: 60_000 });
    await expect(result.getByRole("columnheader", { name: "Draft terms would pay" })).toBeVisible();
  }
  await shootBoth(page, "admin-plan-what-if-draft");
});
