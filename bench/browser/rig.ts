// What every Chromium benchmark runs on: a fresh build, a local backend, the plain-page server and Chromium, torn down after.
import type { Browser } from "@playwright/test";
import { startBenchBackend, type BenchBackend } from "../lib/backend";
import { ensureBuilt, launchChromium } from "./chromium";
import { startPlainPageServer, type PlainPageServer } from "./plainPage";

export type BrowserRig = { backend: BenchBackend; pages: PlainPageServer; browser: Browser };

/** Starts the rig, runs `body` on it, and stops everything whatever happens. */
export async function withBrowserRig<T>(log: (line: string) => void, body: (rig: BrowserRig) => Promise<T>): Promise<T> {
  ensureBuilt(log);
  const backend = await startBenchBackend();
  const pages = await startPlainPageServer();
  const browser = await launchChromium();
  try {
    return await body({ backend, pages, browser });
  } finally {
    await browser.close();
    await pages.close();
    await backend.stop();
  }
}
