import { expect, test, type Page } from "@playwright/test";
import { BROWSER_UA, DEMO, login, logout } from "./helpers";

// Reports on the demo data: the seed writes four months of clicks and deposits; the rollup worker folds them
// within seconds of the start. Screens at 1440 and 390 px go to /tmp (kept out of git).
test.describe.configure({ mode: "serial" });

const ALICE = "alice@example.com";

async function shots(page: Page, name: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/reports-shots/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("the admin dashboard shows KPI tiles and charts from the rollups", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await expect(async () => {
    await page.goto("/admin");
    await expect(page.getByTestId("kpi-tiles").getByText("Last 30 days")).toBeVisible();
    // folded: the 30-day clicks tile is not zero
    await expect(page.getByTestId("kpi-tile").filter({ hasText: "Last 30 days" }).getByTestId("kpi-clicks")).not.toHaveText("0");
  }).toPass({ timeout: 60_000 });
  // the demo earns in euros and dollars: one line and one chart per currency, never a sum of both
  const month = page.getByTestId("kpi-tile").filter({ hasText: "Last 30 days" });
  await expect(month.getByTestId("earnings-EUR")).toContainText("€");
  await expect(month.getByTestId("earnings-USD")).toContainText("$");
  await expect(page.getByTestId("activity-charts").getByText("Earnings (EUR)", { exact: false })).toBeVisible();
  await expect(page.getByTestId("activity-charts").getByText("Earnings (USD)", { exact: false })).toBeVisible();
  await expect(page.getByTestId("activity-charts").locator("svg.recharts-surface").first()).toBeVisible();
  await shots(page, "admin-dashboard");
});

test("the admin breaks a report down by partner, compares, saves a view and exports CSV", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Reports", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Total" })).toBeVisible();
  await shots(page, "admin-reports-by-day");

  await page.getByLabel("Break down by").selectOption("partner");
  await expect(page.getByRole("cell", { name: "Alice Media" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Bob's Betting Tips" })).toBeVisible();
  await page.getByLabel("Compare with previous period").check();
  await expect(page.getByText(/compared with/)).toBeVisible();
  await page.getByLabel("Revenue").check();
  await page.getByLabel("Margin").check();
  await expect(page.getByRole("columnheader", { name: /Margin/ })).toBeVisible();
  // a combination no rollup keeps is refused with a message, not an error page
  await page.getByLabel("Break down by").selectOption("sub1");
  await page.getByLabel("Then by").selectOption("country");
  await expect(page.getByText(/can't be combined/)).toBeVisible();
  await page.getByLabel("Then by").selectOption("");
  await page.getByLabel("Break down by").selectOption("partner");
  await shots(page, "admin-reports-by-partner");

  await page.getByLabel("Save this view as").fill("Partners compared");
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByLabel("Saved views").locator("option", { hasText: "Partners compared" })).toBeAttached();
  await page.reload();
  await page.getByLabel("Saved views").selectOption({ label: "Partners compared" });
  await expect(page.getByRole("cell", { name: "Alice Media" })).toBeVisible();

  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const res = await page.request.get(href ?? "");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const lines = (await res.text()).trim().split("\n");
  expect(lines[0]).toMatch(/^partner,impressions,clicks,unique_clicks,conversions,/);
  const alice = lines.find((l) => l.startsWith("Alice Media,"));
  expect(alice?.split(",")[1]).toMatch(/^\d+$/);
  expect(lines.at(-1)).toMatch(/^Total,\d+,/);
});

test("the admin filters the click log and opens a click, then the conversion log", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/clicks?bot=no");
  await expect(page.getByRole("heading", { name: "Clicks", exact: true })).toBeVisible();
  await shots(page, "admin-clicks");
  await page.getByLabel("Country").fill("zz");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No clicks match")).toBeVisible();
  await page.goto("/admin/conversions?event=ftd");
  await expect(page.getByRole("heading", { name: "Conversions", exact: true })).toBeVisible();
  await shots(page, "admin-conversions");
  await page.locator("td a[href^='/admin/clicks/']").first().click();
  await expect(page.getByRole("heading", { name: /^Click clk_/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Conversions of this click" })).toBeVisible();
  await shots(page, "admin-click");
  await logout(page);
});

test("a partner reads only their own report and cannot export the admin's", async ({ page }) => {
  await login(page, ALICE, DEMO.password);
  await expect(page.getByTestId("kpi-tiles")).toBeVisible();
  await shots(page, "portal-dashboard");
  await page.getByRole("navigation").getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("cell", { name: "Total" })).toBeVisible();
  await expect(page.getByLabel("Break down by").locator("option", { hasText: "Partner" })).toHaveCount(0);
  await expect(page.getByLabel("Margin")).toHaveCount(0);
  await page.getByLabel("Break down by").selectOption("sub1");
  await expect(page.getByRole("cell", { name: "newsletter" }).first()).toBeVisible();
  await shots(page, "portal-reports");
  const href = (await page.getByRole("link", { name: "Export CSV" }).getAttribute("href")) ?? "";
  const own = await page.request.get(href);
  expect(own.status()).toBe(200);
  expect(await own.text()).not.toContain("revenue_");
  const admin = await page.request.get(href.replace("scope=portal", "scope=admin"));
  expect(admin.status()).toBe(403);
});

test("the admin dashboard's live feed shows a new click within seconds; its stream is for team members only", async ({ page, request }) => {
  const anonymous = await request.get("/api/live");
  expect(anonymous.status()).toBe(401);

  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin");
  const feed = page.getByTestId("live-feed");
  await expect(feed.getByTestId("live-status")).toHaveText("Live", { timeout: 15_000 });
  const tile = page.getByTestId("kpi-tile").filter({ hasText: "Today" }).getByTestId("kpi-clicks");
  const clicksBefore = Number(((await tile.textContent()) ?? "0").replaceAll(",", ""));

  // a visitor follows the demo link in another request
  const visit = await request.get("/r/demo", { maxRedirects: 0, headers: { "user-agent": BROWSER_UA } });
  expect(visit.status()).toBe(302);
  const clickId = /clk_[0-9a-z]+/.exec(visit.headers()["location"] ?? "")?.[0] ?? "";
  expect(clickId).not.toBe("");
  // no reload: the stream brings it (the rollup worker folds every second, the page refreshes at most every 1.5 s)
  await expect(feed.locator(`a[href="/admin/clicks/${clickId}"]`)).toBeVisible({ timeout: 10_000 });
  await expect.poll(async () => Number(((await tile.textContent()) ?? "0").replaceAll(",", "")), { timeout: 10_000 }).toBeGreaterThan(clicksBefore);
  await shots(page, "admin-dashboard-live");
  await logout(page);

  await login(page, ALICE, DEMO.password);
  const partner = await page.request.get("/api/live");
  expect(partner.status()).toBe(403);
});
