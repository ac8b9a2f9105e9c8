import fs from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { E2E_DATA_DIR, E2E_PASSWORD } from "../playwright.config";

export const DEMO = { admin: "admin@example.com", password: E2E_PASSWORD };

/** An ordinary desktop browser, for requests that stand for a visitor (Playwright's own user agent is a bot). */
export const BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

export function postbackToken(): string {
  const logins = JSON.parse(fs.readFileSync(path.join(E2E_DATA_DIR, "demo-logins.json"), "utf8")) as { postbackToken: string };
  return logins.postbackToken;
}

let shot = 0;
/** Full-page screenshots of every page the story visits, numbered in story order, for a human to look at.
 * An open dialog is shot as the viewport shows it: a full-page shot would leave the overlay a viewport high. */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}) {
  shot += 1;
  await page.screenshot({ path: path.join("test-results", "screens", `${String(shot).padStart(2, "0")}-${name}.png`), fullPage });
}

/** Signs in and, unless told the login must fail, waits until the session is established. */
export async function login(page: Page, email: string, password: string, { expectFailure = false } = {}) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (!expectFailure) await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function logout(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Pages through a paginated list ("Next") until `target` shows, for lists longer than a page. */
export async function onSomePage(page: Page, target: Locator, maxPages = 10) {
  for (let i = 0; i < maxPages; i++) {
    if (await target.first().isVisible()) return;
    const next = page.getByRole("navigation", { name: "Pagination", exact: true }).getByRole("link", { name: "Next" });
    if (!(await next.isVisible())) break;
    // Going to the link's address waits for the page; a click is a client-side navigation with nothing to await.
    await page.goto((await next.getAttribute("href")) ?? "");
  }
  await expect(target.first()).toBeVisible();
}
