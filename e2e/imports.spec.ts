import { expect, test, type Page } from "@playwright/test";
import { BROWSER_UA, DEMO, login, screenshot } from "./helpers";

// Migration: the operator maps a spreadsheet of another platform's partners, dry-runs it, imports it, reads the
// reconciliation report, and the partners' old links keep redirecting.
test.describe.configure({ mode: "serial" });

const stamp = Date.now().toString(36);
const CSV = [
  "Affiliate,Mail,Full name,Ref code,Owed,Cur",
  `a1,ann-${stamp}@old.example,Ann Old,old-ann-${stamp},120.50,USD`,
  `a2,ben-${stamp}@old.example,Ben Old,old-ben-${stamp},80.00,USD`,
  `a3,not-an-email,Cid Old,old-cid-${stamp},1.00,USD`,
].join("\n");

async function bothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("the operator maps, dry-runs and imports a generic file, then reads the report", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "Imports" }).first().click();
  await expect(page.getByRole("heading", { name: "Imports", exact: true })).toBeVisible();
  await expect(page.getByText("Nothing imported yet")).toBeVisible();
  await bothWidths(page, "admin-imports-empty");

  // nothing chosen: every field says what it needs
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByText("Pick the platform the file comes from")).toBeVisible();
  await expect(page.getByText("Choose a CSV file").first()).toBeVisible();

  await page.getByLabel("Platform the file comes from").selectOption("generic");
  const program = page.getByLabel("Program to import into");
  if ((await program.inputValue()) === "") await program.selectOption({ index: 1 });
  await page.getByLabel("CSV file").setInputFiles({ name: "old-partners.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  const mapping = page.getByTestId("column-mapping");
  await expect(mapping).toBeVisible();
  await mapping.getByLabel("id (required)").selectOption("Affiliate");
  await mapping.getByLabel("email (required)").selectOption("Mail");
  await mapping.getByLabel("name", { exact: true }).selectOption("Full name");
  await mapping.getByLabel("code", { exact: true }).selectOption("Ref code");
  await mapping.getByLabel("balance", { exact: true }).selectOption("Owed");
  await mapping.getByLabel("currency", { exact: true }).selectOption("Cur");

  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByText("Dry run: nothing was written")).toBeVisible();
  await expect(page.getByTestId("import-summary")).toContainText("import: 2 rows ok, 1 rows with errors, 0 skipped as already imported");
  await expect(page.getByTestId("error-row")).toContainText(["Mail"]);
  await bothWidths(page, "admin-imports-dry-run");

  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported — partners file")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("import-summary")).toContainText("import: 2 rows ok, 1 rows with errors, 0 skipped");
  await expect(page.getByTestId("balance-row").first()).toContainText("Matches");

  await page.getByRole("link", { name: "Open the report" }).click();
  await expect(page.getByRole("heading", { name: "Import of old-partners.csv" })).toBeVisible();
  await expect(page.getByTestId("import-report")).toContainText("Opening balances");
  await bothWidths(page, "admin-import-report");

  await page.goto("/admin/imports");
  await expect(page.getByTestId("import-row").first()).toContainText("old-partners.csv");
  await bothWidths(page, "admin-imports-list");
});

test("the imported partners' old links redirect, in the old platforms' shapes too", async ({ request }) => {
  for (const url of [`/r/old-ann-${stamp}`, `/r/OLD-ANN-${stamp.toUpperCase()}`, `/r/legacy?ref=old-ann-${stamp}`, `/r/legacy/go/old-ben-${stamp}`, `/r/legacy?a_aid=old-ben-${stamp}&a_bid=3`]) {
    const res = await request.get(url, { maxRedirects: 0, headers: { "user-agent": BROWSER_UA } });
    expect(res.status(), url).toBe(302);
    expect(res.headers()["location"], url).toMatch(/^https?:\/\//);
  }
  // an old home-page link (/?ref=) forwarded as /r/legacy/?ref=: one trailing-slash hop, then the redirect
  const slash = await request.get(`/r/legacy/?ref=old-ann-${stamp}`, { maxRedirects: 0, headers: { "user-agent": BROWSER_UA } });
  expect(slash.status()).toBe(308);
  expect(slash.headers()["location"]).toBe(`/r/legacy?ref=old-ann-${stamp}`);
  expect((await request.get(`/r/legacy?via=nobody-${stamp}`, { maxRedirects: 0 })).status()).toBe(404);
});
