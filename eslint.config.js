// Lint rules: typescript-eslint everywhere, Convex's rules for convex/, Solid's for the app.
import convexPlugin from "@convex-dev/eslint-plugin";
import solid from "eslint-plugin-solid/configs/typescript";
import tseslint from "typescript-eslint";

/** What src/ui may not import: src/{db,sync,platform,pwa,app,features} and convex/ (relative to a file in src/ui), dexie, convex. */
const UI_KIT_FORBIDDEN = "^(?:(?:\\.\\.[/])+(?:src[/])?(?:db|sync|platform|pwa|app|features|convex)|dexie|convex)(?:[/]|$)";
const UI_KIT_MESSAGE = "src/ui is the plain UI kit: data bindings go to src/app/data (or the feature that uses them).";

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
  // src/ui is a plain UI kit: it imports no data (db, sync, platform, pwa, the backend, dexie, convex) and
  // nothing of the app or its features, statically, as a type or dynamically. What binds data into
  // components lives in src/app/data (or in the one feature that uses it).
  {
    files: ["src/ui/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: UI_KIT_FORBIDDEN, message: UI_KIT_MESSAGE }] }],
      "no-restricted-syntax": [
        "error",
        { selector: `ImportExpression[source.value=/${UI_KIT_FORBIDDEN}/]`, message: UI_KIT_MESSAGE },
        { selector: `TSImportType[argument.literal.value=/${UI_KIT_FORBIDDEN}/]`, message: UI_KIT_MESSAGE },
      ],
    },
  },
  // Tests (and their fixtures) set the deployment environment the functions read.
  { files: ["convex/tests/**/*.test.ts", "convex/tests/**/*.fixtures.ts"], rules: { "@convex-dev/no-process-env": "off" } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
