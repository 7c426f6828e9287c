import path from "node:path";
import { defineConfig } from "vitest/config";

// This file lives in tests/; paths below are from the repository root.
const root = path.resolve(__dirname, "..");
const alias = { "~": path.join(root, "app") };

export default defineConfig({
  root,
  test: {
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
    projects: [
      {
        root,
        resolve: { alias },
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "tests/helpers/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/helpers/setup-db.ts"],
        },
      },
      {
        root,
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/helpers/setup-db.ts"],
          testTimeout: 20_000,
        },
      },
      {
        root,
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          // beforeAll may wait for another build, build, start the server and launch Chromium:
          // the sum of the budgets in tests/helpers/browser.ts, with room to spare.
          hookTimeout: 600_000,
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
