import { expect, test, type Page } from "@playwright/test";
import { DEMO, login, logout, onSomePage, screenshot } from "./helpers";

// Attribution end to end on the demo data: the seed has two journeys where one visitor clicked Bob's link
// and then Alice's. The first was decided under last click; the program then switched to position based
// (40/40), which decided the second. The admin compares models, re-attributes the first journey and reads
// the explanations; Alice reads her side and cannot open a conversion she had no part in.
test.describe.configure({ mode: "serial" });

const ALICE = "alice@example.com";
let couponConversion = "";

const card = (page: Page, title: string) => page.locator("section", { has: page.getByRole("heading", { name: title, exact: true }) });

test("the admin sees the program's model, with field errors first", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.getByRole("navigation").getByRole("link", { name: "Attribution" }).click();
  await expect(page.getByRole("heading", { name: "Attribution", exact: true })).toBeVisible();
  const model = card(page, "Model");
  await expect(model.getByLabel("Default model")).toHaveValue("position_based");
  await expect(model.getByLabel("First click (%)")).toHaveValue("40");
  await expect(model.getByLabel("Last click (%)")).toHaveValue("40");
  await screenshot(page, "admin-attribution");

  await model.getByLabel("First click (%)").fill("70");
  await model.getByLabel("Last click (%)").fill("50");
  await model.getByRole("button", { name: "Save model" }).click();
  await expect(model.getByText("First and last shares together must not exceed 100%")).toBeVisible();
  await model.getByLabel("Default model").selectOption("time_decay");
  await expect(model.getByLabel("Half-life (days)")).toHaveValue("7");
  await model.getByLabel("Half-life (days)").fill("0");
  await model.getByRole("button", { name: "Save model" }).click();
  await expect(model.getByText("Use 0.1 to 365 days")).toBeVisible();
  await screenshot(page, "admin-attribution-model-errors");

  // Back to position based 40/40, with customer binding moved first and then back again.
  await model.getByLabel("Default model").selectOption("position_based");
  await model.getByLabel("First click (%)").fill("40");
  await model.getByLabel("Last click (%)").fill("40");
  await model.getByRole("button", { name: "Move Customer binding up" }).click();
  await expect(model.getByTestId("evidence-priority").locator("li").first()).toContainText("Customer binding");
  await model.getByRole("button", { name: "Save model" }).click();
  await expect(model.getByText("Saved")).toBeVisible();
  await page.reload();
  await expect(card(page, "Model").getByTestId("evidence-priority").locator("li").first()).toContainText("Customer binding");
  await card(page, "Model").getByRole("button", { name: "Move Customer binding down" }).click();
  await card(page, "Model").getByRole("button", { name: "Save model" }).click();
  await expect(card(page, "Model").getByText("Saved")).toBeVisible();
  await expect(card(page, "Model").getByTestId("evidence-priority").locator("li").first()).toContainText("Reported click & journey");

  // What data-driven has learned, and learning on demand from the demo's few journeys.
  const fit = card(page, "Model").getByTestId("data-driven-fit");
  await expect(fit).toContainText("Not learned yet");
  await fit.getByRole("button", { name: "Learn now" }).click();
  await expect(fit).toContainText(/Too little data: \d+ converting journeys of the 100 needed/);
});

test("the admin overrides an offer's model and returns it to the program default", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/attribution");
  const row = page.getByTestId("offer-model-row").filter({ hasText: "Apex Markets FX" });
  await expect(row).toContainText("Program default");
  await row.getByRole("button", { name: "Change the model of Apex Markets FX" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Model").selectOption("last_click");
  await screenshot(page, "admin-offer-model-dialog", { fullPage: false });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Last click");
  await expect(row).toContainText("Override");
  await row.getByRole("button", { name: "Change the model of Apex Markets FX" }).click();
  await dialog.getByLabel("Model").selectOption("default");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Program default");
});

test("the admin compares the models on the demo data", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/attribution");
  const sim = card(page, "Simulator");
  await sim.getByRole("button", { name: "Run simulation" }).click();
  const result = sim.getByTestId("simulation-result");
  await expect(result).toBeVisible({ timeout: 20_000 });
  // Both journeys go to Alice under last click (the baseline) and to Bob under first click: $400 moves.
  const alice = result.getByTestId("simulation-row").filter({ hasText: "Alice Media" });
  const bob = result.getByTestId("simulation-row").filter({ hasText: "Bob's Betting Tips" });
  await expect(alice.locator("td").nth(2)).toContainText("-$400.00");
  await expect(bob.locator("td").nth(2)).toContainText("+$400.00");
  await expect(alice).toContainText(/\$\d{1,3}(,\d{3})*\.\d{2}/);
  await expect(alice).toContainText(/€\d{1,3}(,\d{3})*\.\d{2}/);
  await expect(result.getByText("fell back to linear")).toBeVisible();
  await expect(page.getByTestId("run-row").filter({ hasText: "Simulation" }).first()).toContainText("Done");
  await screenshot(page, "admin-simulator");

  await sim.getByLabel("From").fill("2020-01-01");
  await sim.getByLabel("To").fill("2020-01-31");
  await sim.getByRole("button", { name: "Run simulation" }).click();
  await expect(sim.getByText("No conversions in this period")).toBeVisible({ timeout: 20_000 });
  await screenshot(page, "admin-simulator-empty");

  for (const name of ["First click", "Linear", "Time decay (half-life 7 days)", "Position based (40% first, 40% last)", "Data-driven"]) await sim.getByLabel(name, { exact: true }).uncheck();
  await sim.getByRole("button", { name: "Run simulation" }).click();
  await expect(sim.getByText("Pick at least two models")).toBeVisible();
});

test("the admin previews and applies a re-attribution", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/attribution");
  const re = card(page, "Re-attribute past conversions");
  await re.getByRole("button", { name: "Preview" }).click();
  await expect(re.getByText("Give a reason partners will see")).toBeVisible();
  await re.getByLabel("Reason").fill("Switched to position-based attribution");
  await re.getByRole("button", { name: "Preview" }).click();
  // Only the first journey was decided under last click: under 40/40 its two clicks share $200.
  const preview = re.getByTestId("reattribution-preview");
  await expect(preview.getByTestId("preview-row").filter({ hasText: "Alice Media" })).toContainText("-$100.00");
  await expect(preview.getByTestId("preview-row").filter({ hasText: "Bob's Betting Tips" })).toContainText("+$100.00");
  await expect(preview).toContainText("Would change 1");
  await expect(preview).toContainText("Left unchanged (already paid) 0");
  await screenshot(page, "admin-reattribution-preview");

  await re.getByRole("button", { name: "Apply re-attribution" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Re-attribute 1 conversion?");
  await screenshot(page, "admin-reattribution-confirm", { fullPage: false });
  await dialog.getByRole("button", { name: "Re-attribute" }).click();
  await expect(re.getByTestId("reattribution-done")).toContainText("Re-attributed 1 conversion", { timeout: 20_000 });
  await expect(page.getByTestId("run-row").filter({ hasText: "Re-attribution" }).first()).toContainText("Done");
  await screenshot(page, "admin-reattribution-done");

  // Applied: the same preview now has nothing to change.
  await re.getByRole("button", { name: "Preview" }).click();
  await expect(re.getByText("Nothing would change")).toBeVisible();
});

test("the admin opens a conversion's explanation from the commissions", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin/commissions?status=all");
  // The demo has more commissions than a page holds: narrow the list to Bob's casino commissions.
  const filters = page.getByRole("form", { name: "Filter commissions" });
  await filters.getByLabel("Offer", { exact: true }).selectOption({ label: "Lucky Star Casino" });
  await filters.getByLabel("Partner", { exact: true }).selectOption({ label: "Bob's Betting Tips" });
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/partner=/);
  const bobsCasino = page.url();
  await screenshot(page, "admin-commissions-explain");
  const coupon = page.getByRole("link", { name: "Explain conversion txn ftd-coupon-1" });
  couponConversion = ((await coupon.getAttribute("href")) ?? "").split("/").pop() ?? "";
  expect(couponConversion).toMatch(/^cnv_/);

  await page.getByRole("link", { name: "Explain conversion txn ftd-journey-1" }).first().click();
  await expect(page.getByRole("heading", { name: "Conversion ftd-journey-1" })).toBeVisible();
  await expect(card(page, "Journey").getByTestId("touchpoint-row")).toHaveCount(2);
  const credits = card(page, "Credits and commissions");
  await expect(credits.getByTestId("credit-row").filter({ hasText: "Alice Media" })).toContainText("50%");
  await expect(credits.getByTestId("credit-row").filter({ hasText: "Bob's Betting Tips" })).toContainText("$100.00");
  await page.getByText("Version 1").click();
  await expect(page.getByText("superseded")).toBeVisible();
  await expect(page.getByText(/re-attributed \(position based\): Switched to position-based attribution/)).toBeVisible();
  await screenshot(page, "admin-conversion-reattributed");

  await page.goto(bobsCasino);
  await page.getByRole("link", { name: "Explain conversion txn ftd-journey-2" }).first().click();
  const journey = card(page, "Journey").getByTestId("touchpoint-row");
  await expect(journey).toHaveCount(3);
  await expect(journey.first()).toContainText("Bob's Betting Tips");
  await expect(journey.first()).toContainText("40%");
  // Links read as the partner's /r/ path, not an internal id.
  await expect(journey.first()).toContainText("/r/");
  await expect(journey.first()).not.toContainText("lnk_");
  await expect(card(page, "Credits and commissions").getByTestId("credit-row").filter({ hasText: "Alice Media" })).toContainText("$120.00");
  await screenshot(page, "admin-conversion");

  await page.goto("/admin/conversions/cnv_does_not_exist");
  await expect(page.getByText("Conversion not found")).toBeVisible();
  await logout(page);
});

test("Alice reads why she was credited, and nothing of a conversion she had no part in", async ({ page }) => {
  await login(page, ALICE, DEMO.password);
  await page.goto("/portal/earnings");
  await onSomePage(page, page.getByRole("link", { name: "Explain conversion txn ftd-journey-2" }));
  await page.getByRole("link", { name: "Explain conversion txn ftd-journey-2" }).click();
  await expect(page.getByRole("heading", { name: "Why you were credited" })).toBeVisible();
  await expect(page.getByText("60%").first()).toBeVisible();
  await expect(page.getByText("$120.00").first()).toBeVisible();
  await expect(page.getByTestId("own-touch")).toHaveCount(2);
  const other = page.getByTestId("other-touch");
  await expect(other).toHaveCount(1);
  await expect(other).toContainText("Another partner");
  await expect(other).toContainText("40%");
  // Bob's name and his sub-IDs never reach Alice.
  await expect(page.locator("main")).not.toContainText("Bob");
  await expect(page.locator("main")).not.toContainText("telegram");
  await expect(page.getByTestId("own-touch").last()).toContainText("review-page");
  await screenshot(page, "portal-conversion");
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("journey")).toBeVisible();
  await screenshot(page, "portal-conversion-phone");
  await page.setViewportSize({ width: 1280, height: 720 });

  // The reversed commission of the first journey carries the admin's reason.
  await page.goto("/portal/earnings?status=reversed");
  const reversed = page.getByTestId("commission-row").filter({ hasText: "ftd-journey-1" }).filter({ hasText: "Reversed" });
  await expect(reversed).toContainText("Switched to position-based attribution");
  await screenshot(page, "portal-earnings-explain");
  await page.getByRole("link", { name: "Explain conversion txn ftd-journey-1" }).first().click();
  await expect(page.getByText("This conversion was decided again (version 2)")).toBeVisible();
  await expect(page.getByTestId("my-commission-row").filter({ hasText: "Reversed" })).toContainText("Switched to position-based attribution");
  await screenshot(page, "portal-conversion-reattributed");

  expect(couponConversion).not.toBe("");
  await page.goto(`/portal/conversions/${couponConversion}`);
  await expect(page.getByText("Conversion not found")).toBeVisible();
  await expect(page.getByText("ftd-coupon-1")).toHaveCount(0);
  await screenshot(page, "portal-conversion-not-found");
  await logout(page);
});
