// What every Chromium benchmark runs on: a fresh build, a local backend (serving the plain pages too) and Chromium, torn down after.
import type { Browser } from "@playwright/test";
import { startBenchBackend, type BenchBackend } from "../lib/backend";
import { ensureBuilt, launchChromium } from "./chromium";
import { plainPages, type PlainPages } from "./plainPage";

export type BrowserRig = { backend: BenchBackend; pages: PlainPages; browser: Browser };

/** Starts the rig, runs `body` on it, and stops everything whatever happens. */
export async function withBrowserRig<T>(log: (line: string) => void, body: (rig: BrowserRig) => Promise<T>): Promise<T> {
  ensureBuilt(log);
  const backend = await startBenchBackend();
  const browser = await launchChromium();
  try {
    return await body({ backend, pages: plainPages(backend.origin), browser });
  } finally {
    await browser.close();
    await backend.stop();
  }
}
