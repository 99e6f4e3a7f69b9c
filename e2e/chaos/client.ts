// The chaos test's view of a browser tab: sending through the composer, reading its IndexedDB, locks and WebSocket frames.
import { expect, type Page } from "@playwright/test";
import { gradientPng } from "../support/png";
import type { Item } from "./plan";

/** A whisper row as stored in the tab's Dexie database (the fields the test compares). */
export type DexieWhisper = {
  /** The row's key: the clientId of an own whisper, the server id of a received one. */
  id: string;
  /** The server's id (absent while only on the device). */
  serverId?: string;
  clientId: string;
  conversationId: string;
  content: string;
  fromViewer: boolean;
  syncState: string;
  isLocal: boolean;
  sortKey: number;
  creationTime: number;
  imageUrl?: string;
  audioUrl?: string;
  audioDuration?: number;
  localBlobKind?: string;
};

export type OutboxRow = { seq: number; kind: string; state: string; attempts: number; nextAttemptAt: number; error?: unknown; clientId?: string };

export type DexieDump = { dbName: string; whispers: DexieWhisper[]; outbox: OutboxRow[] };

/** Reads the whispers and the outbox of the person's database (`whispers-<userKey>`) with plain IndexedDB. */
export async function readDexie(page: Page): Promise<DexieDump> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? "").filter((n) => n.startsWith("whispers-"));
    if (names.length !== 1) throw new Error(`expected one whispers-* database, found ${JSON.stringify(names)}`);
    const dbName = names[0]!;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const all = (store: string) =>
        new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const request = db.transaction(store, "readonly").objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
          request.onerror = () => reject(request.error);
        });
      const [whispers, outbox] = await Promise.all([all("whispers"), all("outbox")]);
      return {
        dbName,
        whispers: whispers.map((w) => ({
          id: w.id as string,
          serverId: w.serverId as string | undefined,
          clientId: w.clientId as string,
          conversationId: w.conversationId as string,
          content: (w.content as string) ?? "",
          fromViewer: w.fromViewer === true,
          syncState: w.syncState as string,
          isLocal: w.isLocal === true,
          sortKey: w.sortKey as number,
          creationTime: (w._creationTime as number) ?? 0,
          imageUrl: w.imageUrl as string | undefined,
          audioUrl: w.audioUrl as string | undefined,
          audioDuration: w.audioDuration as number | undefined,
          localBlobKind: w.localBlobKind as string | undefined,
        })),
        outbox: outbox.map((e) => ({
          seq: e.seq as number,
          kind: e.kind as string,
          state: e.state as string,
          attempts: e.attempts as number,
          nextAttemptAt: e.nextAttemptAt as number,
          error: e.error,
          clientId: e.clientId as string | undefined,
        })),
      };
    } finally {
      db.close();
    }
  });
}

/**
 * Sends text whispers through the composer from inside the page (the same "Message" box and
 * form submit a person uses, without Playwright's per-action round trips): sets the text, fires
 * `input`, submits, and waits until the composer cleared the box (the whisper was queued).
 */
export async function sendTextsInPage(page: Page, texts: string[]): Promise<void> {
  await page.evaluate(async (all) => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!;
    // The composer reports a refused send in a toast and keeps the text: collect the toasts.
    const toasts: string[] = [];
    const region = document.querySelector(".toasts");
    const observer = new MutationObserver(() => {
      const text = region?.textContent ?? "";
      if (text && toasts.at(-1) !== text) toasts.push(text);
    });
    if (region) observer.observe(region, { subtree: true, childList: true, characterData: true });
    try {
      for (const text of all) {
        const started = performance.now();
        const late = () => performance.now() - started > 15_000;
        let box: HTMLTextAreaElement | null = null;
        for (;;) {
          box = document.querySelector<HTMLTextAreaElement>("form.composer textarea");
          if (box && box.value === "") break;
          if (late()) throw new Error(`the composer was not ready for "${text}" (${location.pathname})`);
          await sleep(2);
        }
        setValue.call(box, text);
        box.dispatchEvent(new Event("input", { bubbles: true }));
        const form = box.closest("form")!;
        const send = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
        // "Send" is disabled while the previous whisper is being queued.
        while (send.disabled) {
          if (late()) throw new Error(`"Send" stayed disabled for "${text}"`);
          await sleep(2);
        }
        const toastsBefore = toasts.length;
        form.requestSubmit();
        while (box.isConnected && box.value !== "") {
          if (toasts.length > toastsBefore && !send.disabled) throw new Error(`sending "${text}" was refused: ${toasts.slice(toastsBefore).join(" / ")}`);
          if (late()) throw new Error(`"${text}" was not queued within 15 s (${location.pathname}, toasts ${JSON.stringify(toasts)})`);
          await sleep(2);
        }
      }
    } finally {
      observer.disconnect();
    }
  }, texts);
}

/** Types a whisper and presses "Send" (Playwright actions, as a person would). */
export async function typeAndSend(page: Page, text: string): Promise<void> {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(box).toHaveValue("", { timeout: 15_000 });
}

/** Attaches a generated picture with "Attach image", waits for its compressed preview, and sends it with `text`. */
export async function sendImage(page: Page, text: string, variant: number): Promise<void> {
  const png = gradientPng(120 + (variant % 7) * 20, 90 + (variant % 5) * 15);
  await page.getByLabel("Attach image").setInputFiles({ name: `chaos-${variant}.png`, mimeType: "image/png", buffer: png });
  await expect(page.getByRole("img", { name: "Image to send" })).toBeVisible({ timeout: 15_000 });
  await typeAndSend(page, text);
  await expect(page.getByRole("img", { name: "Image to send" })).toHaveCount(0, { timeout: 15_000 });
}

/** Clients ids of the person's own voice whispers in the tab's database. */
async function ownVoiceClientIds(page: Page): Promise<string[]> {
  const dump = await readDexie(page);
  return dump.whispers.filter((w) => w.fromViewer && (w.localBlobKind === "voice" || w.audioDuration !== undefined || w.audioUrl)).map((w) => w.clientId);
}

/**
 * Records a voice clip with "Record voice" / "Stop recording", sends it from the preview (Chromium's fake microphone; the
 * voice is masked on the device) and returns the clientId of the whisper it queued.
 */
export async function sendVoice(page: Page, recordMs: number): Promise<string> {
  const before = new Set(await ownVoiceClientIds(page));
  const record = page.getByRole("button", { name: "Record voice" });
  await expect(record).toBeEnabled({ timeout: 15_000 });
  await record.click();
  const stop = page.getByRole("button", { name: "Stop recording" });
  await expect(stop).toBeVisible({ timeout: 10_000 });
  await page.waitForTimeout(recordMs);
  await stop.click();
  await page.getByRole("button", { name: "Send voice whisper" }).click({ timeout: 20_000 });
  let added: string[] = [];
  await expect
    .poll(
      async () => {
        added = (await ownVoiceClientIds(page)).filter((id) => !before.has(id));
        return added.length;
      },
      { timeout: 20_000, message: "the voice clip was not queued" },
    )
    .toBe(1);
  await expect(record).toBeEnabled({ timeout: 15_000 });
  return added[0]!;
}

/** Sends one planned item from `page`; returns the clientId for a voice clip. */
export async function sendItem(page: Page, item: Item): Promise<string | undefined> {
  if (item.kind === "typed") await typeAndSend(page, item.content);
  else if (item.kind === "image") await sendImage(page, item.content, item.seq);
  else if (item.kind === "voice") return sendVoice(page, 650);
  else await sendTextsInPage(page, [item.content]);
  return undefined;
}

/** The Web Locks of the origin as one tab sees them: the leader locks held and waited for. */
export async function leaderLocks(page: Page): Promise<{ held: string[]; pending: string[] }> {
  return page.evaluate(async () => {
    const snapshot = await navigator.locks.query();
    const leader = (l: LockInfo) => (l.name ?? "").endsWith(":leader");
    return {
      held: (snapshot.held ?? []).filter(leader).map((l) => l.name!),
      pending: (snapshot.pending ?? []).filter(leader).map((l) => l.name!),
    };
  });
}

/** An outbox mutation (whispers:*, files:*, outbox:*) a tab sent over its WebSocket. */
export type SentFrame = { tab: string; at: number; udfPath: string };

/** Records every outbox mutation (whispers:*, files:*, outbox:push batches) the tab sends over Convex's WebSocket, into `frames`. */
export function watchMutations(page: Page, tab: string, frames: SentFrame[]): void {
  page.on("websocket", (socket) => {
    socket.on("framesent", (frame) => {
      const text = typeof frame.payload === "string" ? frame.payload : frame.payload.toString("utf8");
      if (!text.includes('"Mutation"')) return;
      try {
        const message = JSON.parse(text) as { type?: string; udfPath?: string };
        if (message.type === "Mutation" && /^(whispers|files|outbox):/.test(message.udfPath ?? "")) {
          frames.push({ tab, at: Date.now(), udfPath: message.udfPath! });
        }
      } catch {
        // Not JSON: not a protocol message of interest.
      }
    });
  });
}

/** Loads every URL in the page: images must decode with a width, audio must report a duration. */
export async function checkBlobsInPage(page: Page, images: string[], audios: string[]): Promise<string[]> {
  return page.evaluate(
    async ({ images, audios }) => {
      const problems: string[] = [];
      const withTimeout = <T>(promise: Promise<T>, label: string) =>
        Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${label}: timed out`)), 15_000))]);
      const image = async (url: string) => {
        const img = new Image();
        img.src = url;
        await withTimeout(img.decode(), url);
        if (!(img.naturalWidth > 0)) throw new Error(`${url}: naturalWidth ${img.naturalWidth}`);
      };
      const audio = async (url: string) => {
        const el = new Audio();
        el.preload = "metadata";
        const loaded = new Promise<void>((resolve, reject) => {
          el.addEventListener("loadedmetadata", () => resolve(), { once: true });
          el.addEventListener("error", () => reject(new Error(`${url}: media error ${el.error?.code}`)), { once: true });
        });
        el.src = url;
        await withTimeout(loaded, url);
        if (!(el.duration > 0)) throw new Error(`${url}: duration ${el.duration}`);
      };
      const run = async (urls: string[], check: (url: string) => Promise<void>) => {
        for (let i = 0; i < urls.length; i += 6) {
          const results = await Promise.allSettled(urls.slice(i, i + 6).map(check));
          for (const r of results) if (r.status === "rejected") problems.push(String((r.reason as Error)?.message ?? r.reason));
        }
      };
      await run(images, image);
      await run(audios, audio);
      return problems;
    },
    { images, audios },
  );
}

/** How many entries the person's outbox holds right now (any state). */
export async function outboxSize(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? "").find((n) => n.startsWith("whispers-"));
    if (!name) return 0;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<number>((resolve, reject) => {
        const request = db.transaction("outbox", "readonly").objectStore("outbox").count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  });
}
