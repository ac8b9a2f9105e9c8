import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:faults`: the fault tests (test/faults) run the REAL server, built in .next, as a child
 * process against PostgreSQL, kill it and cut its database. One file at a time: each loads the machine.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["test/faults/**/*.faults.test.ts"],
    fileParallelism: false,
    testTimeout: 150_000,
    hookTimeout: 60_000,
    env: {
      NEXTAUTH_SECRET: "test-secret-that-is-at-least-32-characters-long",
      DEMO_SEED: "false",
    },
  },
});
