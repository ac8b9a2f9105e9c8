import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["server/**/*.test.ts", "db/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    env: {
      NEXTAUTH_SECRET: "test-secret-that-is-at-least-32-characters-long",
      DEMO_SEED: "false",
      // Partners' postbacks may reach 127.0.0.2 only: test trackers listen there, while a canary on
      // 127.0.0.1 proves every other private address stays unreachable.
      OUTBOUND_ALLOW_PRIVATE: "127.0.0.2/32",
    },
  },
});
