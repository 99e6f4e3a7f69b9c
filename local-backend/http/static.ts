// Serving the built PWA from dist/: hashed assets cached forever, the shell and service worker never; pages with their CSP.
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { appPageHeaders, NOSNIFF } from "./securityHeaders";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".mp3": "audio/mpeg",
  ".webm": "audio/webm",
  ".wav": "audio/wav",
};

/** Content-hashed file names (Vite's `name-[hash].ext`, Workbox's `workbox-[hash].js`). */
const HASHED = /[-.][A-Za-z0-9_-]{8,}\.(?:js|mjs|css|woff2?|png|jpe?g|svg|webp|gif|ico|wasm|map)$/;

export function cacheControlFor(relative: string): string {
  const name = path.posix.basename(relative);
  if (name === "index.html" || name === "sw.js" || name === "registerSW.js" || name.endsWith(".webmanifest")) return "no-cache";
  if (relative.startsWith("assets/") || HASHED.test(name)) return "public, max-age=31536000, immutable";
  return "no-cache";
}

/** The headers of an app page for this request (its CSP names the request's own WebSocket origin). */
export type PageHeaders = (req: IncomingMessage) => Record<string, string>;

export class StaticFiles {
  constructor(
    readonly root: string,
    private readonly pageHeaders: PageHeaders = () => appPageHeaders(),
  ) {}

  get available(): boolean {
    return fs.existsSync(path.join(this.root, "index.html"));
  }

  /** Serves a file, or the app shell for client-side routes; false when nothing matches. */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (!this.available) return false;
    let relative: string;
    try {
      relative = path.posix.normalize(decodeURIComponent(pathname)).replace(/^\/+/, "");
    } catch {
      return false;
    }
    if (relative.startsWith("..")) return false;
    const file = path.join(this.root, relative);
    if (relative !== "" && isFile(file)) return this.send(req, res, file, relative);
    // Client-side routes get the shell; a missing asset (with an extension) stays a 404.
    if (path.posix.extname(relative) !== "" && !relative.endsWith(".html")) return false;
    return this.send(req, res, path.join(this.root, "index.html"), "index.html");
  }

  private send(req: IncomingMessage, res: ServerResponse, file: string, relative: string): boolean {
    const stat = fs.statSync(file);
    const etag = `W/"${stat.size.toString(16)}-${stat.mtimeMs.toString(16)}"`;
    const headers = {
      "Content-Type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
      "Cache-Control": cacheControlFor(relative),
      ETag: etag,
      ...(path.basename(file) === "sw.js" ? { "Service-Worker-Allowed": "/" } : {}),
      ...(relative.endsWith(".html") ? this.pageHeaders(req) : NOSNIFF),
    };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    res.writeHead(200, { ...headers, "Content-Length": stat.size });
    if (req.method === "HEAD") res.end();
    else fs.createReadStream(file).pipe(res);
    return true;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
