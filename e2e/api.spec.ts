import { expect, test, type Page } from "@playwright/test";
import { DEMO, login, screenshot } from "./helpers";

// The open platform in the browser: the owner makes an API key (shown once) and uses it, reads the reference at
// /docs/api (bundled, under the page CSP), revokes the key; a partner makes a personal token that reads their own data.
test.describe.configure({ mode: "serial" });

/** The secret the dialog shows once. */
async function newSecret(page: Page): Promise<string> {
  const secret = (await page.getByTestId("new-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^tp_(live|pat)_/);
  return secret;
}

test("the owner creates an API key, calls the API with it, and revokes it", async ({ page, request }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await page.getByRole("button", { name: "New API key" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Pick at least one scope")).toBeVisible();
  await page.getByLabel("Name").fill("CRM sync");
  const row = (name: string) => page.getByRole("dialog").locator("div", { hasText: new RegExp(`^${name}`) }).last();
  await row("programs").getByLabel("read").check();
  await row("partners").getByLabel("write").check();
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = await newSecret(page);
  await screenshot(page, "api-key-created", { fullPage: false });
  await page.getByRole("button", { name: "Done" }).click();

  const headers = { authorization: `Bearer ${secret}` };
  const programs = await request.get("/api/v1/programs", { headers });
  expect(programs.status()).toBe(200);
  expect(((await programs.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
  const refused = await request.get("/api/v1/commissions", { headers });
  expect(refused.status()).toBe(403);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");

  await page.reload();
  const keyRow = page.getByTestId("api-key-row").filter({ hasText: "CRM sync" }).first();
  await expect(keyRow).toContainText("partners:write");
  await expect(keyRow).toContainText("Live");
  await screenshot(page, "api-keys");
  await keyRow.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("api-key-row").filter({ hasText: "CRM sync" }).first()).toContainText("Revoked");
  expect((await request.get("/api/v1/programs", { headers })).status()).toBe(401);
});

test("the API reference renders from the served document under the page CSP", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const outside: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith("http://localhost")) outside.push(r.url());
  });
  await page.goto("/api/v1/docs");
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByText("Touchpoint API").first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("link", { name: /List programs/ }).first()).toBeVisible();
  await screenshot(page, "api-reference", { fullPage: false });
  expect(violations).toEqual([]);
  expect(outside).toEqual([]);
});

test("a partner makes a personal token that reads their own numbers", async ({ page, request }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, "alice@example.com", DEMO.password);
  await page.goto("/portal/profile");
  await page.getByRole("link", { name: "Manage API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByRole("button", { name: "New token" }).click();
  await page.getByLabel("Name").fill("My tracker");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = await newSecret(page);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("api-token-row").filter({ hasText: "My tracker" }).first()).toBeVisible();
  await screenshot(page, "partner-api-tokens");

  const headers = { authorization: `Bearer ${secret}` };
  const mine = await request.get("/api/v1/partner/commissions", { headers });
  expect(mine.status()).toBe(200);
  expect((await request.get("/api/v1/partners", { headers })).status()).toBe(403);
});
