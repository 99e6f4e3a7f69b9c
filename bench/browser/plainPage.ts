// The baselines' "plain Convex app": a tiny page (the stock ConvexClient, no Dexie, no framework) served on its own port.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ROOT } from "../lib/backend";

export type PlainPageServer = {
  /** http://127.0.0.1:<port>/: a page loading convex's browser bundle (global `convex`) and then `script`. */
  url(script: string): string;
  close(): Promise<void>;
};

/** convex/browser as one script that defines the global `convex` (ConvexClient, anyApi). */
const BUNDLE = path.join(ROOT, "node_modules/convex/dist/browser.bundle.js");

/**
 * Serves `/` (a minimal HTML page: the Convex bundle, then the inline script named by ?s=) and
 * `/convex.js`. Scripts are registered by url(script) so a page load is one plain request.
 */
export async function startPlainPageServer(): Promise<PlainPageServer> {
  const bundle = fs.readFileSync(BUNDLE);
  const scripts: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/convex.js") {
      res.writeHead(200, { "Content-Type": "text/javascript", "Cache-Control": "max-age=3600" });
      res.end(bundle);
      return;
    }
    if (url.pathname === "/") {
      const script = scripts[Number(url.searchParams.get("s"))] ?? "";
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      res.end(
        `<!doctype html><html><head><meta charset="utf-8"><title>plain Convex</title></head>` +
          `<body><ul id="list"></ul><script src="/convex.js"></script><script>${script}</script></body></html>`,
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url(script) {
      scripts.push(script);
      return `http://127.0.0.1:${port}/?s=${scripts.length - 1}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
