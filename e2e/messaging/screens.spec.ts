// Every messaging screen, phone and desktop, light and dark: axe finds no serious or critical violation.
// With WHISPERS_SHOTS=<dir> it also saves a screenshot of each (for people to look at).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import {
  dismissNotices,
  expectNoSeriousA11yViolations,
  newDevice,
  openConversationNamed,
  openConversationWith,
  sendText,
  signIn,
  twoPeople,
  uniqueName,
  waitForSync,
  whisper,
} from "../support/app";
import { expect, test } from "../support/fixtures";
import { gradientPng } from "../support/png";

const SHOTS = process.env.WHISPERS_SHOTS;
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;

/** Axe (and a screenshot when asked) in each size and theme; restores desktop light afterwards. */
async function check(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const theme of ["light", "dark"] as const) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: theme });
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await page.waitForTimeout(150);
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SHOTS, `${name}-${size}-${theme}.png`) });
      }
      await expectNoSeriousA11yViolations(page, `${name} (${size}, ${theme})`);
    }
  }
  await page.setViewportSize(SIZES.desktop);
  await page.emulateMedia({ colorScheme: "light" });
}

test("sign-in, onboarding, the list, new whisper, friends, scheduled and settings", async ({ browser, baseURL }) => {
  test.setTimeout(600_000);
  const { page, context } = await newDevice(browser, baseURL!);
  try {
    await page.goto("/signin");
    await expect(page.getByRole("list", { name: "Demo accounts" })).toBeVisible();
    await check(page, "signin");
    await signIn(page, uniqueName("new"));
    await page.waitForURL(/\/onboarding$/);
    await expect(page.getByRole("textbox", { name: "Display name" })).toBeVisible();
    await page.getByRole("textbox", { name: "Username" }).fill("alice");
    await expect(page.getByText("This username is already taken.")).toBeVisible();
    await check(page, "onboarding");
    await context.close();

    const demo = await newDevice(browser, baseURL!);
    await signIn(demo.page, "alice");
    await waitForSync(demo.page);
    await dismissNotices(demo.page);
    await expect(demo.page.getByRole("list", { name: "Conversations" })).toBeVisible();
    await check(demo.page, "list");
    await demo.page.goto("/archived");
    await check(demo.page, "archived");
    await demo.page.goto("/new");
    await demo.page.getByRole("textbox", { name: "Username" }).fill("dave");
    await demo.page.getByRole("button", { name: "Find", exact: true }).click();
    await expect(demo.page.getByRole("region", { name: "Search result" })).toBeVisible();
    await check(demo.page, "new");
    await demo.page.goto("/friends");
    await expect(demo.page.getByRole("heading", { name: "Friends", level: 1 })).toBeVisible();
    await check(demo.page, "friends");
    await demo.page.goto("/scheduled");
    await expect(demo.page.getByRole("list", { name: "Scheduled whispers" })).toBeVisible();
    await check(demo.page, "scheduled");
    await demo.page.goto("/settings");
    await expect(demo.page.getByRole("heading", { name: "Profile" })).toBeVisible();
    await check(demo.page, "settings");
    await openConversationNamed(demo.page, /Bob/);
    await check(demo.page, "conversation-demo");
    await demo.page.locator(".chain-link").first().click();
    await expect(demo.page.getByRole("heading", { name: "Whisper chain" })).toBeVisible();
    await check(demo.page, "chain");
    await demo.context.close();
  } finally {
    await context.close().catch(() => undefined);
  }
});

test("a conversation with text, image, voice, reactions, pending and failed whispers", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["quinn", "rae"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await sendText(a.page, "Morning! Did you see the sunrise today?");
    await expect(whisper(a.page, "Morning!")).toBeVisible();
    await a.page.getByLabel("Attach image").setInputFiles({ name: "sky.png", mimeType: "image/png", buffer: gradientPng(800, 600) });
    await expect(a.page.getByRole("img", { name: "Image to send" })).toBeVisible();
    await sendText(a.page, "It looked like this");
    await expect(whisper(a.page, "It looked like this").getByRole("button", { name: "Open image full size" })).toBeVisible();
    await a.page.getByRole("button", { name: "Record voice" }).click();
    await a.page.waitForTimeout(2000);
    await a.page.getByRole("button", { name: "Stop recording" }).click();
    await a.page.getByRole("button", { name: "Send voice whisper" }).click();
    await expect(a.page.getByRole("button", { name: "Record voice" })).toBeVisible({ timeout: 20_000 });
    await waitForSync(a.page);

    await openConversationNamed(b.page, /Voice whisper|It looked like this/);
    await dismissNotices(b.page);
    await whisper(b.page, "Morning!").getByRole("button", { name: "React", exact: true }).click();
    await b.page.getByRole("button", { name: "React with 😮" }).click();
    await sendText(b.page, "Wow, gorgeous. I slept through it 😴");
    await expect(whisper(a.page, "Wow, gorgeous")).toBeVisible();
    await b.page.getByRole("button", { name: "Conversation actions" }).click();
    await b.page.getByRole("menuitem", { name: "Block" }).click();
    await waitForSync(b.page);

    await sendText(a.page, "Shall we catch it together tomorrow?");
    await expect(whisper(a.page, "catch it together")).toContainText("Failed");
    await a.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
    await a.context.setOffline(true);
    await sendText(a.page, "(written on the train, no signal)");
    await expect(whisper(a.page, "no signal")).toContainText("Pending");
    // The history stays scrolled to the very bottom (the newest whisper and its actions in view).
    const gap = () => a.page.locator(".history-list").evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop);
    await expect.poll(gap).toBeLessThan(2);
    await check(a.page, "conversation-states");
    await expect.poll(gap).toBeLessThan(2);
    await a.context.setOffline(false);
  } finally {
    await close();
  }
});
