// Unit and integration tests in three projects: the backend (convex-test, local backend) in plain Node,
// the scale suite (convex/tests/scale: heavy paths at realistic sizes, minutes per file), and the app
// (Solid JSX compiled by vite-plugin-solid; files pick jsdom per file where they need a DOM).
import solid from "vite-plugin-solid";
import { configDefaults, defineConfig } from "vitest/config";

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
          exclude: [...configDefaults.exclude, "convex/tests/scale/**"],
          environment: "node",
          server: { deps: { inline: ["convex-test"] } },
        },
      },
      {
        extends: true,
        test: {
          name: "scale",
          include: ["convex/tests/scale/**/*.scale.test.ts"],
          environment: "node",
          server: { deps: { inline: ["convex-test"] } },
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // Each file builds its own world (about a minute of CPU): two at a time on two cores, after
          // the other projects (a project with its own maxWorkers needs its own group).
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
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
