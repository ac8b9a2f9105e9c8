import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, login } from "./helpers";

/**
 * Every page of the app at a phone's width (390 px): none may scroll sideways. The pages are found in the app
 * directory, so a new page is held to this without being listed; a page with an id in its path is visited
 * through a link to it found on the other pages (the demo data has one of each).
 */
const PHONE = { width: 390, height: 844 };
const SHOTS = process.env.PHONE_SHOTS_DIR ?? path.join("test-results", "phone");

type Route = { pattern: string; regex: RegExp };

function routesOf(group: string): Route[] {
  const root = path.join("app", group);
  const out: Route[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "page.tsx") {
        const pattern = `/${path.relative(root, dir).split(path.sep).filter((s) => s && !s.startsWith("(")).join("/")}`;
        out.push({ pattern, regex: new RegExp(`^${pattern.replace(/\[[^\]]+\]/g, "[^/?#]+")}$`) });
      }
    }
  };
  walk(root);
  return out.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** How far the page scrolls sideways, and the outermost elements that stick out, to name in a failure. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const culprits: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 1 || r.width === 0) continue;
      // only the outermost offender: its children stick out because it does
      if (el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1) continue;
      culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${String(el.className).split(" ").slice(0, 4).join(".")} (${Math.round(r.right)} px)`);
      if (culprits.length >= 5) break;
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits };
  });
}

async function visitAll(page: Page, group: string, area: string) {
  const routes = routesOf(group);
  expect(routes.length).toBeGreaterThan(3);
  const seen = new Set<string>();
  const found = new Map<string, string>();
  const failures: string[] = [];
  const check = async (url: string, name: string) => {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    const o = await overflow(page);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${area}-${name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home"}.png`), fullPage: true });
    if (o.scrollWidth > o.innerWidth) failures.push(`${url}: ${o.scrollWidth} px wide at ${o.innerWidth} px; sticking out: ${o.culprits.join(", ")}`);
    // remember a link to every page with an id in its path
    for (const href of await page.locator("a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) {
      const pathname = href.split(/[?#]/)[0] ?? "";
      for (const r of routes) if (r.pattern.includes("[") && !found.has(r.pattern) && r.regex.test(pathname)) found.set(r.pattern, pathname);
    }
  };
  for (const r of routes.filter((r) => !r.pattern.includes("["))) {
    seen.add(r.pattern);
    await check(r.pattern, r.pattern);
  }
  // detail pages, in path order, so a statement is found from its batch's page
  for (const r of routes.filter((r) => r.pattern.includes("["))) {
    const url = found.get(r.pattern);
    if (!url) {
      failures.push(`${r.pattern}: no link to such a page was found on the ${area} pages visited`);
      continue;
    }
    await check(url, r.pattern);
  }
  expect(failures, failures.join("\n")).toEqual([]);
}

test.use({ viewport: PHONE });

test("no admin page scrolls sideways at 390 px", async ({ page }) => {
  test.setTimeout(240_000);
  await login(page, DEMO.admin, DEMO.password);
  await visitAll(page, "(admin)", "admin");
});

test("no partner page scrolls sideways at 390 px", async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, "alice@example.com", DEMO.password);
  await visitAll(page, "(portal)", "portal");
});

test("the sign-in and sign-up pages fit at 390 px", async ({ page }) => {
  for (const url of ["/login", "/signup"]) {
    await page.goto(url);
    const o = await overflow(page);
    expect(o.scrollWidth, `${url}: ${o.culprits.join(", ")}`).toBeLessThanOrEqual(o.innerWidth);
  }
});

test("on a phone the navigation is a menu that opens as a sheet and closes on navigation", async ({ page }) => {
  await login(page, DEMO.admin, DEMO.password);
  await page.goto("/admin");
  // no sideways strip: the sidebar's links are not on the page until the menu opens
  await expect(page.getByRole("navigation", { name: "Admin navigation" })).toBeHidden();
  await page.getByRole("button", { name: "Open admin menu" }).click();
  const sheet = page.getByRole("dialog", { name: "Touchpoint · Admin" });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  await expect(sheet.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();

  await page.getByRole("button", { name: "Open admin menu" }).click();
  await sheet.getByRole("link", { name: "Commissions" }).click();
  await expect(page).toHaveURL(/\/admin\/commissions/);
  await expect(sheet).toBeHidden();
  await expect(page.getByRole("heading", { name: "Commissions", exact: true })).toBeVisible();

  // the queue's rows are cards: each amount and the review buttons are within the screen
  const row = page.getByTestId("commission-row").first();
  await expect(row).toBeVisible();
  const amount = row.locator("td[data-label='Amount']");
  await expect(amount).toBeVisible();
  const box = await amount.boundingBox();
  expect((box?.x ?? 999) + (box?.width ?? 999)).toBeLessThanOrEqual(PHONE.width);
  for (const name of ["Approve selected", "Reject selected"]) {
    const b = await page.getByRole("button", { name }).boundingBox();
    expect((b?.x ?? 999) + (b?.width ?? 999)).toBeLessThanOrEqual(PHONE.width);
  }
});

test("stat cards show whole amounts on a phone", async ({ page }) => {
  await login(page, "alice@example.com", DEMO.password);
  await page.goto("/portal/earnings");
  const values = page.getByTestId("stat-value");
  expect(await values.count()).toBeGreaterThan(0);
  for (const v of await values.all()) {
    const text = (await v.textContent()) ?? "";
    expect(text).not.toContain("…");
    // nothing is clipped: the value's box holds all of its text
    expect(await v.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  }
});
