// Unit and integration tests in two projects: the backend (convex-test, local backend) in plain Node,
// and the app (Solid JSX compiled by vite-plugin-solid; files pick jsdom per file where they need a DOM).
import solid from "vite-plugin-solid";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "backend",
          include: ["convex/**/*.test.ts", "local-backend/**/*.test.ts"],
          environment: "node",
          server: { deps: { inline: ["convex-test"] } },
        },
      },
      {
        extends: true,
        plugins: [solid()],
        test: { name: "app", include: ["src/**/*.test.{ts,tsx}"], environment: "node" },
      },
    ],
  },
});
