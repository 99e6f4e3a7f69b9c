// Cold start: the inbox as last seen paints at once from its snapshot, the real list replaces it, and signing out deletes it.
import { dismissNotices, openConversationWith, sendText, twoPeople, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";

declare global {
  interface Window {
    __coldStart?: { snapshotSeen: boolean; bothShown: boolean; gapShown: boolean };
  }
}

/**
 * Init script: notes whether the snapshot appeared, whether it ever stayed once the real rows were
 * rendered, and whether it went before the real rows came (a flash of an empty or loading screen).
 */
function watchSnapshot(): void {
  const seen = { snapshotSeen: false, bothShown: false, gapShown: false };
  window.__coldStart = seen;
  new MutationObserver(() => {
    const snapshot = document.querySelector(".list-snapshot");
    if (snapshot) seen.snapshotSeen = true;
    const root = document.getElementById("root");
    const rows = root?.querySelector(".conv-row");
    // The real rows are in the DOM (even hidden): the snapshot must already be gone (same task).
    if (snapshot && rows) seen.bothShown = true;
    if (seen.snapshotSeen && !snapshot && !rows) seen.gapShown = true;
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["style"] });
}

const SNAPSHOT_KEY = "whispers:listSnapshot";

test("an offline cold start shows the last inbox at once, then the real list; sign-out deletes the copy", async ({ browser, baseURL }) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["cole", "dina"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await sendText(a.page, "Hello before the cold start");
    await expect(whisper(a.page, "Hello before the cold start")).toContainText(/Delivered|Read/);

    await b.page.goto("/");
    await expect(b.page.getByRole("list", { name: "Conversations" }).getByText("Hello before the cold start")).toBeVisible();
    // The inbox is copied once it settles; the worker must control the page to serve it offline.
    await b.page.waitForFunction((key) => localStorage.getItem(key)?.includes("Hello before the cold start"), SNAPSHOT_KEY, { timeout: 15_000 });
    await b.page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });

    await b.context.addInitScript(watchSnapshot);
    await b.context.setOffline(true);
    await b.page.reload();
    const list = b.page.getByRole("list", { name: "Conversations" });
    await expect(list.getByText("Hello before the cold start")).toBeVisible();
    await expect(b.page.locator(".list-snapshot")).toHaveCount(0);
    const seen = await b.page.evaluate(() => window.__coldStart);
    expect(seen).toEqual({ snapshotSeen: true, bothShown: false, gapShown: false });
    // The real rows work: a click opens the conversation offline.
    await list.getByRole("link").first().click();
    await expect(whisper(b.page, "Hello before the cold start")).toBeVisible();

    await b.context.setOffline(false);
    await b.page.goto("/settings");
    await b.page.getByRole("button", { name: "Sign out", exact: true }).click();
    await b.page.waitForURL(/\/signin$/);
    expect(await b.page.evaluate((key) => localStorage.getItem(key), SNAPSHOT_KEY)).toBeNull();
  } finally {
    await close();
  }
});
