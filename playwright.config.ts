import fs from "node:fs";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = ".e2e-data";
export const E2E_PASSWORD = "e2e-demo-password";
/** A second server on an EMPTY database (DEMO_SEED=false) for the first-run story; it writes its setup link here. */
const EMPTY_PORT = Number(process.env.E2E_EMPTY_PORT ?? PORT + 100);
export const E2E_EMPTY_DATA_DIR = ".e2e-empty-data";
export const E2E_SETUP_LINK_FILE = `${E2E_EMPTY_DATA_DIR}/setup-link`;

// Debian's Chromium where it is installed (CI, no internet); otherwise Playwright's own browser.
const chromium = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    },
  },
  projects: [
    { name: "demo", testIgnore: /setup-from-empty\.spec\.ts/ },
    { name: "empty", testMatch: /setup-from-empty\.spec\.ts/, use: { baseURL: `http://localhost:${EMPTY_PORT}` } },
  ],
  webServer: [
    {
      // A throwaway embedded database, seeded with the demo program on start.
      command: `rm -rf ${E2E_DATA_DIR} && npx tsx scripts/start.ts`,
      url: `http://localhost:${PORT}/login`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(PORT),
        DATA_DIR: E2E_DATA_DIR,
        DEMO_PASSWORD: E2E_PASSWORD,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: "",
      },
    },
    {
      // The same app on an empty database without the demo: no admin, so the start prints a setup link.
      command: `rm -rf ${E2E_EMPTY_DATA_DIR} && npx tsx scripts/start.ts`,
      url: `http://localhost:${EMPTY_PORT}/login`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(EMPTY_PORT),
        DATA_DIR: E2E_EMPTY_DATA_DIR,
        DEMO_SEED: "false",
        SETUP_LINK_FILE: E2E_SETUP_LINK_FILE,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: "",
      },
    },
  ],
});
