// Unit and integration tests: convex-test suites run in Node, client suites choose their own environment.
import solid from "vite-plugin-solid";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [solid()],
  test: {
    include: ["convex/**/*.test.ts", "src/**/*.test.{ts,tsx}", "local-backend/**/*.test.ts"],
    environment: "node",
    server: { deps: { inline: ["convex-test"] } },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
