// Lint rules: typescript-eslint everywhere, Convex's rules for convex/, Solid's for the app.
import convexPlugin from "@convex-dev/eslint-plugin";
import solid from "eslint-plugin-solid/configs/typescript";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/_generated/**", "dist/**", "dev-dist/**", "node_modules/**", ".whispers-data/**"] },
  ...tseslint.configs.recommended,
  ...convexPlugin.configs.recommended,
  { files: ["src/**/*.{ts,tsx}"], ...solid },
  // Queries never read unbounded lists, and every public function checks who calls it (exceptions
  // are commented where they are public by design). Not for test code.
  {
    files: ["convex/**/*.ts"],
    ignores: ["convex/tests/**"],
    rules: { "@convex-dev/no-collect-in-query": "error", "@convex-dev/require-access-control": "error" },
  },
  // Tests (and their fixtures) set the deployment environment the functions read.
  { files: ["convex/tests/**/*.test.ts", "convex/tests/**/*.fixtures.ts"], rules: { "@convex-dev/no-process-env": "off" } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
