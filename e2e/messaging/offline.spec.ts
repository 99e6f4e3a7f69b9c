// Offline: a whisper sent without a network is pending, survives a reload, and arrives exactly once when back online.
import { dismissNotices, openConversationNamed, openConversationWith, sendText, syncStatus, twoPeople, waitForSync, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";
import { gradientPng } from "../support/png";

test("send offline, reload offline, reconnect: delivered exactly once", async ({ browser, baseURL }) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["eve", "fay"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await sendText(a.page, "First, online");
    await expect(whisper(a.page, "First, online")).toContainText(/Delivered|Read/);
    await openConversationNamed(b.page, /First, online/);
    // The service worker must control the page before the network goes (it serves the reload).
    await a.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });

    await a.context.setOffline(true);
    await expect(syncStatus(a.page)).toContainText("Offline");
    await sendText(a.page, "Sent while offline");
    const pending = whisper(a.page, "Sent while offline");
    await expect(pending).toContainText("Pending");
    await expect(syncStatus(a.page)).toContainText("1 waiting");
    // A picture queued offline shows from this device's copy until it is uploaded.
    await a.page.getByLabel("Attach image").setInputFiles({ name: "offline.png", mimeType: "image/png", buffer: gradientPng(300, 200) });
    await sendText(a.page, "A picture from offline");
    const picture = whisper(a.page, "A picture from offline");
    await expect(picture).toContainText("Pending");
    await expect(picture.getByRole("img")).toHaveAttribute("src", /^blob:/);
    await expect(syncStatus(a.page)).toContainText("2 waiting");

    await a.page.reload();
    await expect(whisper(a.page, "Sent while offline")).toContainText("Pending");
    await expect(b.page.getByText("Sent while offline")).toHaveCount(0);

    await a.context.setOffline(false);
    await expect(whisper(a.page, "Sent while offline")).toContainText(/Delivered|Read/, { timeout: 30_000 });
    await waitForSync(a.page);
    await expect(whisper(b.page, "Sent while offline")).toHaveCount(1);
    await expect(whisper(b.page, "A picture from offline").getByRole("img")).toHaveAttribute("src", /\/api\/storage\//);
    // Nothing arrives twice, even after the other side reloads and re-syncs.
    await b.page.reload();
    await expect(whisper(b.page, "Sent while offline")).toHaveCount(1);
    await expect(whisper(b.page, "First, online")).toHaveCount(1);
    await expect(whisper(b.page, "A picture from offline")).toHaveCount(1);
  } finally {
    await close();
  }
});
