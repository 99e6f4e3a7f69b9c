// A 10,000-whisper conversation: opens at the newest whispers quickly, renders only a window, pages older whispers in.
import { dismissNotices, openConversationWith, sendText, twoPeople, waitForSync, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";

test("a 10,000-whisper history opens fast and stays windowed while scrolling back", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const { a, names, close } = await twoPeople(browser, baseURL!, ["uma", "vic"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await sendText(a.page, "The newest whisper");
    await expect(whisper(a.page, "The newest whisper")).toContainText(/Delivered|Read/);
    await waitForSync(a.page);
    const conversationId = new URL(a.page.url()).pathname.split("/").pop()!;

    // 10,000 older whispers straight into this device's IndexedDB (as if synced long ago).
    await a.page.evaluate(async (id) => {
      const name = (await indexedDB.databases()).map((d) => d.name!).find((n) => n.startsWith("whispers-"))!;
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      // The route may hold the conversation's local id: take the server id from the whisper sent in it.
      const sent: Array<{ conversationId: string; content: string }> = await new Promise((resolve) => {
        const r = db.transaction("whispers").objectStore("whispers").getAll();
        r.onsuccess = () => resolve(r.result);
      });
      const convo = { id: sent.find((w) => w.content === "The newest whisper")?.conversationId ?? id };
      const start = Date.now() - 10_000 * 60_000;
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction("whispers", "readwrite");
        const store = tx.objectStore("whispers");
        for (let i = 0; i < 10_000; i++) {
          const at = start + i * 60_000;
          store.put({
            id: `bulk-${i}`,
            clientId: `bulk-${i}`,
            serverId: `bulk-${i}`,
            conversationId: convo.id,
            sortKey: at,
            deliveredAt: at,
            status: "delivered",
            fromViewer: i % 3 === 0,
            content: `Old whisper number ${i}${i % 7 === 0 ? " with a longer text that wraps onto a second line on a phone" : ""}`,
            reactions: [],
            syncState: "synced",
          });
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    }, conversationId);

    const started = Date.now();
    await a.page.reload();
    await expect(whisper(a.page, "The newest whisper")).toBeVisible();
    const openedMs = Date.now() - started;
    console.log(`10,000-whisper conversation: newest whisper visible ${openedMs} ms after reload`);
    await expect(whisper(a.page, "Old whisper number 9999")).toBeVisible();
    const list = a.page.getByRole("list", { name: "Whispers" });
    const rendered = () => list.locator(':scope > div > [role="listitem"]').count();
    expect(await rendered()).toBeLessThan(60);

    // Scroll back through a few pages: older whispers load, the DOM stays a window.
    for (let i = 0; i < 8; i++) {
      await list.evaluate((el) => (el.scrollTop = 0));
      await a.page.waitForTimeout(300);
    }
    await expect.poll(() => list.getAttribute("aria-label")).toBe("Whispers");
    const setSize = Number(await list.locator('[role="listitem"]').first().getAttribute("aria-setsize"));
    expect(setSize).toBeGreaterThan(500);
    expect(await rendered()).toBeLessThan(60);
    // Each page kept the view where it was (no jump to the top of everything loaded).
    expect(await list.evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);

    // Opening it from the list (in-app navigation, data on the device) is quick.
    await a.page.getByRole("link", { name: "Whispers", exact: true }).first().click();
    await expect(a.page.getByRole("heading", { name: "Whispers", level: 1 })).toBeVisible();
    const opened = await a.page.evaluate(async () => {
      const link = document.querySelector<HTMLAnchorElement>(".conv-link")!;
      const t0 = performance.now();
      link.click();
      for (;;) {
        const newest = [...document.querySelectorAll(".whisper-text")].some((p) => p.textContent === "The newest whisper");
        if (newest) return performance.now() - t0;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    });
    console.log(`10,000-whisper conversation: opened from the list in ${Math.round(opened)} ms`);
    expect(opened).toBeLessThan(1000);
  } finally {
    await close();
  }
});
