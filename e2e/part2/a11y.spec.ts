// axe on every part-2 screen in both themes at phone (390×844) and desktop (1280×800) sizes, with the demo data.
import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, signIn } from "../support/app";
import { expect, test } from "../support/fixtures";

const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const THEMES = ["light", "dark"] as const;

async function check(page: Page, path: string, heading: string | RegExp, label: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible({ timeout: 20_000 });
  await page.waitForTimeout(500);
  await expectNoSeriousA11yViolations(page, label);
}

for (const theme of THEMES) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    test(`part-2 screens pass axe: ${theme}, ${size}`, async ({ browser, server }) => {
      // Eight axe runs on a shared 2-core machine: more time than the default.
      test.setTimeout(240_000);
      const context = await browser.newContext({ baseURL: server.url, viewport, colorScheme: theme });
      const page = await context.newPage();
      await signIn(page, "alice");
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      const where = `${theme} ${size}`;
      await check(page, "/mood", "Mood", `mood (${where})`);
      await check(page, "/mood/match", "Find a mood match", `mood match (${where})`);
      await expect(page.getByRole("button", { name: /^Whisper to / }).first()).toBeVisible({ timeout: 20_000 });
      await expectNoSeriousA11yViolations(page, `mood match results (${where})`);
      await check(page, "/chambers", "Echo chambers", `chambers (${where})`);
      await check(page, "/chambers/new", "New chamber", `new chamber (${where})`);
      await page.goto("/chambers");
      await page.getByRole("link", { name: "Open Night Owls" }).first().click();
      await expect(page.getByRole("heading", { level: 1, name: "Night Owls" })).toBeVisible();
      await expect(page.getByTestId("chamber-message").first()).toBeVisible();
      if (size === "phone") await page.getByRole("button", { name: "Invite & members" }).click();
      await expectNoSeriousA11yViolations(page, `chamber room (${where})`);
      await check(page, "/skills", "Skill exchange", `skills (${where})`);
      await check(page, "/settings", "Settings", `settings (${where})`);
      await context.close();
    });

    test(`the admin screen passes axe: ${theme}, ${size}`, async ({ browser, server }) => {
      const where = `${theme} ${size}`;
      const adminContext = await browser.newContext({ baseURL: server.url, viewport, colorScheme: theme });
      const admin = await adminContext.newPage();
      await signIn(admin, "admin");
      await check(admin, "/admin", "Admin tools", `admin (${where})`);
      await expect(admin.getByRole("img", { name: /^Whispers per day/ })).toBeVisible({ timeout: 20_000 });
      await expect(admin.getByRole("switch").first()).toBeVisible();
      await expectNoSeriousA11yViolations(admin, `admin with data (${where})`);
      await adminContext.close();
    });
  }
}
