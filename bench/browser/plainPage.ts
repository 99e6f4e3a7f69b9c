// The baselines' "plain Convex app": a tiny page (the stock ConvexClient, no Dexie, no framework) served by the benchmark's backend on its own origin.
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { ROOT, type BenchBackend } from "../lib/backend";
import { NAME_SHIM } from "./people";

/** Where a plain page lives on the backend (the local backend's test-only /__test/ paths). */
const PAGE_PATH = "/__test/plain";
const BUNDLE_PATH = "/__test/convex.js";

export type PlainPages = {
  /** <backend origin>/__test/plain?s=…: a page loading convex's browser bundle (global `convex`) and then `script`. */
  url(script: string): string;
};

/**
 * Plain pages on the backend's own origin: the backend refuses pages of any other origin (a page
 * may only call its own origin's backend), so the baseline is served where the app is.
 */
export function plainPages(origin: string): PlainPages {
  return { url: (script) => `${origin}${PAGE_PATH}?s=${encodeURIComponent(script)}` };
}

/**
 * A new browser context with one plain page signed in as `user`: `client`, the stock ConvexClient
 * with the user's token, then `script`; resolves once the server answered users:me through it.
 */
export async function openPlainClient(
  browser: Browser,
  backend: BenchBackend,
  pages: PlainPages,
  user: string,
  script: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  try {
    await context.addInitScript({ content: NAME_SHIM });
    const page = await context.newPage();
    const token = await backend.token(user);
    const prelude =
      `const client = new convex.ConvexClient(${JSON.stringify(backend.origin)}, { unsavedChangesWarning: false, skipConvexDeploymentUrlCheck: true });` +
      `client.setAuth(async () => ${JSON.stringify(token)});`;
    const ready = `client.query(convex.anyApi.users.me, {}).then(() => { window.__ready = true; }, (e) => { window.__error = String(e); });`;
    await page.goto(pages.url(prelude + script + ready));
    type ReadyWindow = { __ready?: boolean; __error?: string };
    const answer = await (await page.waitForFunction(() => (window as unknown as ReadyWindow).__error ?? (window as unknown as ReadyWindow).__ready)).jsonValue();
    if (answer !== true) throw new Error(`plain Convex page failed: ${String(answer)}`);
    return { context, page };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** convex/browser as one script that defines the global `convex` (ConvexClient, anyApi). */
const BUNDLE = path.join(ROOT, "node_modules/convex/dist/browser.bundle.js");
let bundle: Buffer | null = null;

/**
 * The backend's side (bench/lib/backendProcess.ts passes it as `testPages`): serves the page (the
 * Convex bundle, then the inline script of ?s=) and the bundle, cached as a static asset is.
 */
export function servePlainPage(_req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (url.pathname === BUNDLE_PATH) {
    bundle ??= fs.readFileSync(BUNDLE);
    res.writeHead(200, { "Content-Type": "text/javascript", "Cache-Control": "max-age=3600" });
    res.end(bundle);
    return true;
  }
  if (url.pathname !== PAGE_PATH) return false;
  const script = (url.searchParams.get("s") ?? "").replaceAll("</", "<\\/");
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(
    `<!doctype html><html><head><meta charset="utf-8"><title>plain Convex</title></head>` +
      `<body><ul id="list"></ul><script src="${BUNDLE_PATH}"></script><script>${script}</script></body></html>`,
  );
  return true;
}
