// Playwright: end-to-end tests in Debian's Chromium (never `npx playwright install`).
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./scripts/chromium";

/** Debian's Chromium (or $CHROMIUM_PATH): scripts/ensure-chromium.ts runs before the tests. */
const CHROMIUM_LAUNCH = { executablePath: findChromium() ?? "/usr/bin/chromium", args: CHROMIUM_ARGS };

export default defineConfig({
  testDir: "e2e",
  // The machine has 2 cores shared with other work: one worker, generous timeouts.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: CHROMIUM_LAUNCH,
    trace: "retain-on-failure",
  },
  // e2e/pwa.spec.ts builds the app and serves it itself (it must stop its server to test offline).
  // Specs that need the whole product add the local backend here: `npm start` on 127.0.0.1:3210.
});
