// PWA end to end in Debian Chromium: worker control, installability, offline routes and media, push, update prompt.
import { cpSync, mkdtempSync, readFileSync, rmSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, expect, test, type BrowserContext, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../scripts/chromium";
import { build } from "vite";
import { startPwaServer, toneWav, type PwaServer } from "./support/pwaServer";

const ROOT = path.resolve(import.meta.dirname, "..");
const VOICE = toneWav(1);
const MEDIA = {
  "img-1": { type: "image/png", body: readFileSync(path.join(ROOT, "public/pwa-64x64.png")) },
  "voice-1": { type: "audio/wav", body: VOICE },
};

let dist = "";
const servers: PwaServer[] = [];

/** A fresh origin serving the build (each origin gets its own service worker). */
async function serve(dir = dist): Promise<PwaServer> {
  const server = await startPwaServer(dir, MEDIA);
  servers.push(server);
  return server;
}

/** Opens `url` and waits until the service worker controls the page. */
async function openControlled(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dist = mkdtempSync(path.join(tmpdir(), "whispers-e2e-pwa-"));
  await build({
    root: ROOT,
    configFile: path.join(ROOT, "vite.config.ts"),
    mode: "production",
    logLevel: "error",
    build: { outDir: dist, emptyOutDir: true },
  });
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  if (dist) rmSync(dist, { recursive: true, force: true });
});

test("the service worker controls the page and Chromium finds it installable", async () => {
  const server = await serve();
  // Installability is never granted to incognito contexts: use a real (temporary) profile.
  const profile = mkdtempSync(path.join(tmpdir(), "whispers-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium() ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await openControlled(page, `${server.url}/`);
    await expect(page.getByRole("status").filter({ hasText: "Ready to work offline" })).toBeVisible();

    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send("Page.getAppManifest");
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toBe(`${server.url}/manifest.webmanifest`);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("with the server gone and the context offline, every route opens from the cache", async ({ page, context }) => {
  const server = await serve();
  await openControlled(page, `${server.url}/`);
  await server.close();
  await context.setOffline(true);
  for (const route of ["/c/anything", "/mood", "/new", "/"]) {
    const response = await page.goto(`${server.url}${route}`);
    expect(response?.fromServiceWorker(), route).toBe(true);
    await expect(page).toHaveTitle("Whispers");
    await expect(page.locator("#root"), route).not.toBeEmpty();
  }
  // Backend paths are never answered with the app shell.
  await expect(page.goto(`${server.url}/api/anything`)).rejects.toThrow();
  await context.setOffline(false);
});

test("media seen or prefetched online shows and plays offline, with Range requests", async ({ page, context }) => {
  const server = await serve();
  await openControlled(page, `${server.url}/`);
  // An image the user saw online.
  await page.evaluate(
    (src) =>
      new Promise<void>((resolve, reject) => {
        const img = new Image();
        img.onload = () => resolve();
        img.onerror = () => reject(new Error("image failed"));
        img.src = src;
      }),
    "/api/storage/img-1",
  );
  // A voice clip of a recent conversation, fetched ahead through the worker.
  const done = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const channel = new MessageChannel();
    const answer = new Promise((resolve) => (channel.port1.onmessage = (event) => resolve(event.data)));
    const urls = ["/api/storage/voice-1", "/api/storage/missing", "https://evil.test/api/storage/x"];
    registration.active!.postMessage({ type: "PREFETCH_MEDIA", urls }, [channel.port2]);
    return answer;
  });
  expect(done).toEqual({ type: "PREFETCH_DONE", cached: 1, failed: 1 });
  expect(server.hits.get("/api/storage/voice-1")).toBe(1);

  await server.close();
  await context.setOffline(true);
  const offline = await page.evaluate(async () => {
    const width = await new Promise<number>((resolve) => {
      const img = new Image();
      img.onload = () => resolve(img.naturalWidth);
      img.onerror = () => resolve(-1);
      img.src = "/api/storage/img-1";
    });
    const ranged = await fetch("/api/storage/voice-1", { headers: { Range: "bytes=0-99" } });
    const bytes = (await ranged.arrayBuffer()).byteLength;
    const duration = await new Promise<number>((resolve) => {
      const audio = new Audio("/api/storage/voice-1");
      audio.onloadedmetadata = () => resolve(audio.duration);
      audio.onerror = () => resolve(-1);
    });
    return { width, status: ranged.status, range: ranged.headers.get("content-range"), bytes, duration };
  });
  expect(offline).toEqual({
    width: 64,
    status: 206,
    range: `bytes 0-99/${VOICE.length}`,
    bytes: 100,
    duration: expect.closeTo(1, 1),
  });
  await context.setOffline(false);
});

type Shown = { title: string; body: string; tag: string; data: { url?: string } };

/** Delivers a push through the DevTools protocol, as the push service would. */
async function pushDeliverer(context: BrowserContext, page: Page, origin: string) {
  const cdp = await context.newCDPSession(page);
  const registrations = new Map<string, string>();
  cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations: list }) => {
    for (const r of list) if (!r.isDeleted) registrations.set(r.scopeURL, r.registrationId);
  });
  await cdp.send("ServiceWorker.enable");
  await expect.poll(() => registrations.get(`${origin}/`)).toBeTruthy();
  return (payload: object) =>
    cdp.send("ServiceWorker.deliverPushMessage", {
      origin,
      registrationId: registrations.get(`${origin}/`)!,
      data: JSON.stringify(payload),
    });
}

const notificationsOf = (page: Page, tag: string) =>
  page.evaluate(async (t) => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications({ tag: t })).map(
      (n): Shown => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as Shown["data"] }),
    );
  }, tag);

test("push shows the right notification, collapses per conversation, and a click opens it", async ({ page, context }) => {
  const server = await serve();
  await context.grantPermissions(["notifications"], { origin: server.url });
  await openControlled(page, `${server.url}/`);
  const deliver = await pushDeliverer(context, page, server.url);
  const whisper = (conversationId: string, extra: object = {}) => ({
    title: "Quiet Fox",
    body: "See you at the lake?",
    conversationId,
    whisperId: "w1",
    tag: conversationId,
    url: `/c/${conversationId}`,
    unreadCount: 2,
    ...extra,
  });

  // Delivered again when nothing shows within 5 s: on a loaded machine Chromium has dropped a
  // DevTools-delivered push (CI, once); showing one payload twice is still one notification per tag.
  const shows = async (payload: object, tag: string, expected: Shown[]) => {
    for (let attempt = 1; ; attempt++) {
      await deliver(payload);
      try {
        await expect.poll(() => notificationsOf(page, tag), { timeout: 5_000 }).toEqual(expected);
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  };

  await shows(whisper("conv-a"), "conv-a", [
    { title: "Quiet Fox", body: "See you at the lake?", tag: "conv-a", data: { url: "/c/conv-a" } },
  ]);

  // Mystery: exactly the server's anonymous text, nothing added.
  await shows(whisper("conv-m", { title: "Someone whispered you", body: "" }), "conv-m", [
    { title: "Someone whispered you", body: "", tag: "conv-m", data: { url: "/c/conv-m" } },
  ]);

  // A second whisper in the same conversation replaces the first notification.
  await shows(whisper("conv-a", { body: "Bring a torch", unreadCount: 3 }), "conv-a", [
    { title: "Quiet Fox", body: "Bring a torch", tag: "conv-a", data: { url: "/c/conv-a" } },
  ]);

  // Clicking it (dispatched in the worker: headless Chromium shows no notification UI) opens the conversation.
  const [worker] = context.serviceWorkers();
  const opened = page.waitForEvent("framenavigated", (frame) => frame.url() === `${server.url}/c/conv-a`);
  await worker.evaluate(async (tag) => {
    const scope = globalThis as unknown as ServiceWorkerGlobalScope;
    const [notification] = await scope.registration.getNotifications({ tag });
    scope.dispatchEvent(new NotificationEvent("notificationclick", { notification }));
  }, "conv-a");
  await opened;
  expect(await notificationsOf(page, "conv-a")).toEqual([]);
});

test("a new build shows \"Update available\" and Reload switches to it", async ({ page }) => {
  const copy = mkdtempSync(path.join(tmpdir(), "whispers-e2e-update-"));
  cpSync(dist, copy, { recursive: true });
  try {
    const server = await serve(copy);
    await openControlled(page, `${server.url}/`);
    const prompt = page.getByRole("alert").filter({ hasText: "Update available" });
    await expect(prompt).toHaveCount(0);

    appendFileSync(path.join(copy, "sw.js"), "\n// next build\n");
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect(prompt).toBeVisible();

    await page.evaluate(() => ((window as unknown as { before: boolean }).before = true));
    await Promise.all([page.waitForEvent("load"), prompt.getByRole("button", { name: "Reload" }).click()]);
    expect(await page.evaluate(() => "before" in window)).toBe(false);
    await expect(prompt).toHaveCount(0);
    const state = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return { waiting: registration?.waiting ?? null, controlled: navigator.serviceWorker.controller !== null };
    });
    expect(state).toEqual({ waiting: null, controlled: true });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
