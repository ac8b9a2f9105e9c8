import { expect, test } from "@playwright/test";
import { DEMO, login, screenshot } from "./helpers";

// Settings > Webhooks in the browser, on a phone: the owner adds an endpoint (a private address is refused with a
// field error), sends a test event and sees it in the delivery log, reveals and rotates the signing secret.
test.describe.configure({ mode: "serial" });

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

const fits = async (page: import("@playwright/test").Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

test("the owner adds an endpoint, sends a test event, reveals and rotates its secret", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/settings");
  await page.getByRole("link", { name: "Manage webhook endpoints" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
  // the demo's example endpoint, disabled
  await expect(page.getByTestId("webhook-endpoint-row").filter({ hasText: "crm.example.com" })).toContainText("Disabled");
  await fits(page);

  await page.getByRole("button", { name: "Add endpoint" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Endpoint URL").fill("http://169.254.169.254/latest/meta-data");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByText("private network")).toBeVisible();
  await dialog.getByLabel("Endpoint URL").fill("https://hooks.example.net/touchpoint");
  await dialog.getByLabel("Description (optional)").fill("Back office");
  await dialog.getByRole("checkbox", { name: /partner\.approved/ }).check();
  await dialog.getByRole("checkbox", { name: /payout_batch\.paid/ }).check();
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await page.waitForURL(/\/admin\/settings\/webhooks\/wep_/);
  await expect(page.getByRole("heading", { name: "Back office" })).toBeVisible();
  await expect(page.getByText("Receives: partner.approved, payout_batch.paid")).toBeVisible();
  await expect(page.getByText("No deliveries yet")).toBeVisible();
  await fits(page);

  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("Test event queued")).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("webhook-delivery-row").first()).toContainText("webhook.test", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await fits(page);

  const secret = page.getByTestId("webhook-secret");
  await expect(secret).not.toContainText(/whsec_[A-Za-z0-9+/]{20}/);
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(secret).toHaveText(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const first = (await secret.textContent()) ?? "";
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByText(/previous secret also signs until/)).toBeVisible();
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(secret).toHaveText(/^whsec_/);
  expect(await secret.textContent()).not.toBe(first);
  await expect(page.getByText(first)).toBeVisible();
  await fits(page);
  await screenshot(page, "webhook-endpoint");
});
