// Serving the built PWA from dist/: hashed assets cached forever, the shell and service worker never; pages with their CSP; text compressed.
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
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

/** Types worth compressing (images, fonts, audio and wasm are compressed already or barely shrink). */
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".webmanifest", ".svg", ".txt", ".map", ".ico"]);

type Encoding = "br" | "gzip";

/** Brotli, else gzip, else none (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const takes = (name: Encoding) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  return takes("br") ? "br" : takes("gzip") ? "gzip" : null;
}

/** Content-hashed file names (Vite's `name-[hash].ext`, Workbox's `workbox-[hash].js`). */
const HASHED = /[-.][A-Za-z0-9_-]{8,}\.(?:js|mjs|css|woff2?|png|jpe?g|svg|webp|gif|ico|wasm|map)$/;

export function cacheControlFor(relative: string): string {
  const name = path.posix.basename(relative);
  if (name === "index.html" || name === "sw.js" || name === "registerSW.js" || name.endsWith(".webmanifest")) return "no-cache";
  if (relative.startsWith("assets/") || HASHED.test(name)) return "public, max-age=31536000, immutable";
  return "no-cache";
}

/** Per request: the CSP names the request's own WebSocket origin. */
export type PageHeaders = (req: IncomingMessage) => Record<string, string>;

export class StaticFiles {
  /** By file and encoding, with the ETag they were made for: each build's files are compressed once, on first request. */
  private readonly compressed = new Map<string, { etag: string; body: Buffer }>();

  constructor(
    readonly root: string,
    private readonly pageHeaders: PageHeaders = () => appPageHeaders(),
  ) {}

  get available(): boolean {
    return fs.existsSync(path.join(this.root, "index.html"));
  }

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
    const extension = path.extname(file).toLowerCase();
    const encoding = COMPRESSIBLE.has(extension) ? chooseEncoding(req.headers["accept-encoding"]) : null;
    const etag = `W/"${stat.size.toString(16)}-${stat.mtimeMs.toString(16)}${encoding ? `-${encoding}` : ""}"`;
    const headers = {
      "Content-Type": TYPES[extension] ?? "application/octet-stream",
      "Cache-Control": cacheControlFor(relative),
      ETag: etag,
      ...(COMPRESSIBLE.has(extension) ? { Vary: "Accept-Encoding" } : {}),
      ...(path.basename(file) === "sw.js" ? { "Service-Worker-Allowed": "/" } : {}),
      ...(relative.endsWith(".html") ? this.pageHeaders(req) : NOSNIFF),
    };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    if (encoding) {
      const body = this.compress(file, encoding, etag);
      res.writeHead(200, { ...headers, "Content-Encoding": encoding, "Content-Length": body.length });
      res.end(req.method === "HEAD" ? undefined : body);
      return true;
    }
    res.writeHead(200, { ...headers, "Content-Length": stat.size });
    if (req.method === "HEAD") res.end();
    else fs.createReadStream(file).pipe(res);
    return true;
  }

  /** Brotli at its highest quality: each file is compressed once. */
  private compress(file: string, encoding: Encoding, etag: string): Buffer {
    const key = `${file}\0${encoding}`;
    const cached = this.compressed.get(key);
    if (cached?.etag === etag) return cached.body;
    const bytes = fs.readFileSync(file);
    const body =
      encoding === "br"
        ? brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
        : gzipSync(bytes, { level: 9 });
    // A rebuilt file replaces its old bodies (npm run dev rebuilds dist/ in place).
    this.compressed.set(key, { etag, body });
    return body;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
