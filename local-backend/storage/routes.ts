// /api/storage: uploads (POST ?token=…) → {storageId}; downloads with Content-Type and Range support.
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Engine } from "../engine/engine";
import type { StoredDoc } from "../engine/internals";
import { CORS_HEADERS, HttpError, readBody, sendJson } from "../http/respond";
import type { BlobStore } from "./blobStore";
import { parseRange } from "./ranges";
import { storeUpload } from "./upload";
import type { UploadTokens } from "./uploadTokens";

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

type Deps = { engine: Engine; blobs: BlobStore; tokens: UploadTokens; durable: () => Promise<void> };

export async function handleStorage(req: IncomingMessage, res: ServerResponse, url: URL, deps: Deps): Promise<void> {
  const rest = url.pathname.slice("/api/storage/".length);
  if (rest === "upload") {
    if (req.method !== "POST") throw new HttpError(405, "Upload with POST");
    await upload(req, res, url, deps);
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, "Download with GET");
  download(req, res, decodeURIComponent(rest), deps);
}

async function upload(req: IncomingMessage, res: ServerResponse, url: URL, deps: Deps): Promise<void> {
  const problem = deps.tokens.check(url.searchParams.get("token"));
  if (problem) throw new HttpError(401, problem);
  const bytes = new Uint8Array(await readBody(req, MAX_UPLOAD_BYTES));
  const contentType = req.headers["content-type"] ?? "application/octet-stream";
  const storageId = await storeUpload(deps.engine, deps.blobs, bytes, contentType);
  await deps.durable();
  sendJson(res, 200, { storageId }, CORS_HEADERS);
}

function findRow(engine: Engine, key: string): StoredDoc | null {
  if (/^[0-9]+_storage$/.test(key)) return engine.storageRow(key);
  for (const row of engine.documentsOf("_storage")) if (row.sha256 === key) return row;
  return null;
}

function download(req: IncomingMessage, res: ServerResponse, key: string, deps: Deps): void {
  const row = findRow(deps.engine, key);
  const size = row ? deps.blobs.size(row._id) : null;
  if (!row || size === null) {
    res.writeHead(404, { "Content-Type": "text/plain", ...CORS_HEADERS });
    res.end("File not found");
    return;
  }
  const etag = `"${String(row.sha256)}"`;
  const headers: Record<string, string | number> = {
    ...CORS_HEADERS,
    "Content-Type": typeof row.contentType === "string" ? row.contentType : "application/octet-stream",
    "Accept-Ranges": "bytes",
    ETag: etag,
    "Cache-Control": "private, max-age=31536000, immutable",
  };
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const range = parseRange(req.headers.range, size);
  if (range === "unsatisfiable") {
    res.writeHead(416, { ...headers, "Content-Range": `bytes */${size}` });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const length = size === 0 ? 0 : end - start + 1;
  res.writeHead(range ? 206 : 200, {
    ...headers,
    "Content-Length": length,
    ...(range ? { "Content-Range": `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === "HEAD" || length === 0) {
    res.end();
    return;
  }
  fs.createReadStream(deps.blobs.fileOf(row._id), { start, end }).pipe(res);
}
