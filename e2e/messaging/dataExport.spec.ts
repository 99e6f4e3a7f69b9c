// Export my data in Settings: the server prepares the file in batches (spaced out here so it can be watched), the progress shows and survives leaving the page, the download parses and holds the person's whispers.
// Screenshots of the preparing and ready states (phone and desktop, light and dark) go to test-results/data-export/.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { dismissNotices, expectNoSeriousA11yViolations, openConversationWith, sendText, twoPeople, waitForSync } from "../support/app";
import { expect, test } from "../support/fixtures";
import { startServer, type WhispersServer } from "../support/server";

const SHOTS = "test-results/data-export";
const SIZES = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } } as const;

let server: WhispersServer;

test.beforeAll(async () => {
  // 4 s between batches: a new account's export (five batches) takes about 16 s to prepare.
  server = await startServer({ seed: false, env: { EXPORT_BATCH_DELAY_MS: "4000" } });
});

test.afterAll(async () => {
  await server?.stop();
});

/** Screenshots of the export's part of Settings in each size and theme (then desktop light again). */
async function shots(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const theme of ["light", "dark"] as const) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: theme });
      await page.getByRole("region", { name: "Your data" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/${name}-${size}-${theme}.png` });
    }
  }
  await page.setViewportSize(SIZES.desktop);
  await page.emulateMedia({ colorScheme: "light" });
}

test("export my data: progress while prepared, also after coming back; the file holds my whispers", async ({ browser }) => {
  test.setTimeout(180_000);
  const { a, names, close } = await twoPeople(browser, server.url, ["eve", "rob"]);
  try {
    const { page } = a;
    const texts = ["the lighthouse at dawn", "a letter never sent 💌", "话 and ünïcödé"];
    await openConversationWith(page, names.b);
    for (const text of texts) await sendText(page, text);
    await waitForSync(page);

    await page.goto("/settings");
    await dismissNotices(page);
    const data = page.getByRole("region", { name: "Your data" });
    await data.getByRole("button", { name: "Export my data" }).click();
    const preparing = data.getByRole("status").filter({ hasText: /Preparing your export… \d+%/ });
    await expect(preparing).toBeVisible();
    await expect(data.getByRole("progressbar", { name: "Export progress" })).toBeVisible();

    // Leave and come back: the export kept going on the server, and the page shows where it is.
    await page.goto("/");
    await page.goto("/settings");
    const percent = async () => Number((await preparing.textContent())?.match(/(\d+)%/)?.[1]);
    await expect(preparing).toBeVisible();
    const seen = await percent();
    await expect.poll(percent, { timeout: 20_000 }).toBeGreaterThan(seen);
    // While it is prepared there is nothing to press again.
    await expect(data.getByRole("button", { name: "Export my data" })).toHaveCount(0);
    await shots(page, "preparing");
    await expectNoSeriousA11yViolations(page, "settings, export being prepared");

    const ready = data.getByRole("status").filter({ hasText: /Your export is ready/ });
    await expect(ready).toBeVisible({ timeout: 60_000 });
    await expect(data.getByText(/It stays available until/)).toBeVisible();
    await shots(page, "ready");
    await expectNoSeriousA11yViolations(page, "settings, export ready");

    const download = page.waitForEvent("download");
    await data.getByRole("button", { name: "Download" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^whispers-${names.a}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const exported = JSON.parse(readFileSync((await file.path())!, "utf8")) as {
      format: string;
      profile: { username: string };
      whispersSent: { content: string }[];
      conversations: unknown[];
    };
    expect(exported.format).toBe("whispers-export/2");
    expect(exported.profile.username).toBe(names.a);
    expect(exported.whispersSent.map((w) => w.content).sort()).toEqual([...texts].sort());
    expect(exported.conversations).toHaveLength(1);
    await expect(page.getByText("Your data was downloaded.")).toBeVisible();
  } finally {
    await close();
  }
});
