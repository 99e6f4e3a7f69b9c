// A throwaway origin for the PWA e2e test: serves a built dist/ (SPA fallback) and fake /api/storage media with Range.
import { readFileSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".map": "application/json",
};

/** One second of a 440 Hz tone as 8 kHz mono 16-bit WAV: a stand-in voice clip. */
export function toneWav(seconds = 1, rate = 8000): Buffer {
  const samples = seconds * rate;
  const out = Buffer.alloc(44 + samples * 2);
  out.write("RIFF", 0);
  out.writeUInt32LE(36 + samples * 2, 4);
  out.write("WAVEfmt ", 8);
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE(rate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write("data", 36);
  out.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) out.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), 44 + i * 2);
  return out;
}

export type PwaServer = { url: string; hits: Map<string, number>; close(): Promise<void> };

/** Serves `distDir` and `media` (path under /api/storage/ → {type, body}) on 127.0.0.1 at a free port. */
export async function startPwaServer(
  distDir: string,
  media: Record<string, { type: string; body: Buffer }>,
): Promise<PwaServer> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    if (url.pathname.startsWith("/api/storage/")) {
      const file = media[url.pathname.slice("/api/storage/".length)];
      if (!file) return void res.writeHead(404).end("File not found");
      const headers = { "Content-Type": file.type, "Accept-Ranges": "bytes", "Access-Control-Allow-Origin": "*" };
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
      if (range) {
        const start = Number(range[1]);
        const end = range[2] ? Math.min(Number(range[2]), file.body.length - 1) : file.body.length - 1;
        res.writeHead(206, { ...headers, "Content-Range": `bytes ${start}-${end}/${file.body.length}` });
        return void res.end(file.body.subarray(start, end + 1));
      }
      res.writeHead(200, { ...headers, "Content-Length": file.body.length });
      return void res.end(file.body);
    }
    let file = path.join(distDir, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ""));
    if (!isFile(file)) {
      if (path.extname(url.pathname)) return void res.writeHead(404).end("Not found");
      file = path.join(distDir, "index.html");
    }
    res.writeHead(200, {
      "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "Cache-Control": file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
