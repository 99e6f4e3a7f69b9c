// Finds the Chromium the end-to-end tests drive: $CHROMIUM_PATH, the system's, or Playwright's own.
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

const SYSTEM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"];

/** Playwright's downloaded Chromium builds, newest first. */
function playwrightBuilds(): string[] {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), ".cache", "ms-playwright");
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => name.startsWith("chromium-"))
    .sort()
    .reverse()
    .flatMap((dir) => [join(root, dir, "chrome-linux", "chrome"), join(root, dir, "chrome-linux64", "chrome")]);
}

/** The path of a Chromium executable on this machine, or null when there is none. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return [...SYSTEM_PATHS, ...playwrightBuilds()].find((path) => existsSync(path)) ?? null;
}

/** The launch flags every test browser gets (headless, sandbox-free, no background network). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
];
