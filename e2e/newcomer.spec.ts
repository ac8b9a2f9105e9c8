import { expect, test } from "@playwright/test";
import { DEMO, login, logout } from "./helpers";

/** What a new user met on a first visit: the browser's icon, the sign-up rules, the link builder, payouts and earnings. */

test("the app has an icon at /favicon.ico and in every page's head", async ({ request, page }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  expect((await ico.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  await page.goto("/login");
  const href = await page.locator("head link[rel='icon']").first().getAttribute("href");
  expect(href).toBeTruthy();
  expect((await request.get(href ?? "")).status()).toBe(200);
});

test("a signed-out visit to the admin or the portal redirects to the login", async ({ request }) => {
  for (const url of ["/admin", "/admin/commissions", "/portal", "/portal/earnings"]) {
    const r = await request.get(url, { maxRedirects: 0 });
    expect(r.status(), url).toBe(307);
    expect(new URL(r.headers()["location"] ?? "", "http://x").pathname, url).toBe("/login");
  }
});

test("sign-up states the name rule", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name or company").fill("A");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Name must be at least 2 characters")).toBeVisible();
  await expect(page.getByText("Enter your name")).toHaveCount(0);
});

test("the link builder offers sub1 to sub5 and gives no link for a refused deep link", async ({ page }) => {
  await login(page, "alice@example.com", DEMO.password);
  await page.goto("/portal/links");
  for (const [i, key] of ["sub1", "sub2", "sub3", "sub4", "sub5"].entries()) await page.getByLabel(key, { exact: true }).fill(`v${i + 1}`);
  const built = page.getByTestId("built-link");
  await expect(built).toContainText("sub1=v1&sub2=v2&sub3=v3&sub4=v4&sub5=v5");

  await page.getByLabel("Deep link (optional)").fill("https://evil.example.com/");
  await expect(page.getByText(/deep-links only to|has no deep links/)).toBeVisible();
  await expect(built).toHaveCount(0);
  await expect(page.getByTestId("built-link-refused")).toBeVisible();
  await expect(page.getByRole("button", { name: /copy/i })).toHaveCount(await page.getByTestId("managed-link").count());

  await page.getByLabel("Deep link (optional)").fill("");
  await expect(built).toBeVisible();
  await expect(page.getByTestId("built-link-refused")).toHaveCount(0);
  await logout(page);
});

test("approving a payout batch asks first, with the count and the total per currency", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/payouts");
  // EUR: the other suites pay USD batches. The monthly schedule (minute 5 of every hour, from the 1st) may have
  // put the EUR balances in a draft batch already while the suite ran: then that draft is the one to approve.
  const eur = page.getByTestId("payable-EUR");
  const scheduled = page.getByRole("row", { name: /Scheduled.*€.*Draft/ }).first();
  await expect(eur.or(scheduled)).toBeVisible();
  if (await eur.isVisible()) await eur.getByRole("button", { name: "Create EUR batch" }).click();
  else await scheduled.getByRole("link").click();
  await expect(page).toHaveURL(/\/admin\/payouts\/pay_/);
  const total = (await page.getByTestId("batch-total").textContent()) ?? "";
  const lines = await page.getByTestId("batch-line").count();

  await page.getByRole("button", { name: "Approve batch" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve the EUR batch?" });
  const summary = dialog.getByTestId("approve-batch-summary");
  await expect(summary).toContainText(`${lines} partner${lines === 1 ? "" : "s"}`);
  await expect(summary).toContainText(/\d+ entr(y|ies)/);
  await expect(summary).toContainText(`Total EUR${total}`);
  // cancelling changes nothing
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByRole("button", { name: "Approve batch" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark paid" })).toHaveCount(0);

  await page.getByRole("button", { name: "Approve batch" }).click();
  await dialog.getByRole("button", { name: "Confirm approval" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Mark paid" })).toBeVisible();
  await logout(page);
});

test("earnings show one line per commission, its history folded", async ({ page }) => {
  await login(page, "alice@example.com", DEMO.password);
  await page.goto("/portal/earnings");
  const rows = page.getByTestId("ledger-row");
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  // a paid commission's entries (earned, approved, paid out) are one line until opened
  await expect(page.getByTestId("ledger-entry")).toHaveCount(0);
  const paid = rows.filter({ hasText: "Paid out" }).first();
  await expect(paid).toBeVisible();
  await paid.getByRole("button", { name: /Show the \d+ entries/ }).click();
  const entries = page.getByTestId("ledger-entry");
  expect(await entries.count()).toBeGreaterThanOrEqual(3);
  await expect(entries.filter({ hasText: "Earned" })).toHaveCount(1);
  await expect(entries.filter({ hasText: "Paid out" }).first()).toBeVisible();
  expect(await rows.count()).toBe(count);
  await paid.getByRole("button", { name: /Hide the \d+ entries/ }).click();
  await expect(page.getByTestId("ledger-entry")).toHaveCount(0);
  await logout(page);
});
