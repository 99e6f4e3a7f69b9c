// /api/storage: single-use uploads (POST upload?token=…) → {storageId}; downloads of attached files by unguessable token, sandboxed, with Range.
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { INLINE_TYPES } from "../../convex/lib/fileTypes";
import type { Engine } from "../engine/engine";
import { HttpError, readBody, sendJson, sendText } from "../http/respond";
import { isDiskError } from "../persistence/store";
import type { BlobStore } from "./blobStore";
import { parseRange } from "./ranges";
import { storeUpload, UNKNOWN_TYPE } from "./upload";
import type { UploadTokens } from "./uploadTokens";

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * On every storage response: the bytes are never sniffed into something else, never run as a
 * page (a sandbox with nothing allowed, even if opened directly) and never embedded by another
 * site. No CORS: the app is served from this origin.
 */
export const STORAGE_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
  "Cross-Origin-Resource-Policy": "same-origin",
};

type Deps = { engine: Engine; blobs: BlobStore; tokens: UploadTokens; durable: () => Promise<void> };

export async function handleStorage(req: IncomingMessage, res: ServerResponse, url: URL, deps: Deps): Promise<void> {
  try {
    const rest = url.pathname.slice("/api/storage/".length);
    if (rest === "upload") {
      if (req.method !== "POST") throw new HttpError(405, "Upload with POST");
      await upload(req, res, url, deps);
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, "Download with GET");
    download(req, res, rest, deps);
  } catch (error) {
    // Errors get the storage headers too (the router's answer would not carry them).
    if (res.headersSent) throw error;
    if (isDiskError(error)) {
      sendJson(res, 503, { error: "The server's disk is full: the file was not stored. Try again later." }, { ...STORAGE_HEADERS, "Retry-After": "60" });
      return;
    }
    if (!(error instanceof HttpError)) throw error;
    sendJson(res, error.status, { error: error.message }, { ...STORAGE_HEADERS });
  }
}

async function upload(req: IncomingMessage, res: ServerResponse, url: URL, deps: Deps): Promise<void> {
  const token = deps.tokens.reserve(url.searchParams.get("token"));
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readBody(req, MAX_UPLOAD_BYTES));
  } catch (error) {
    // Nothing was stored: the same URL may be tried again.
    deps.tokens.release(token);
    throw error;
  }
  // Used before anything is stored: a crash in between loses the upload, never lets the URL work twice.
  await deps.tokens.commit(token);
  const storageId = await storeUpload(deps.engine, deps.blobs, bytes);
  await deps.durable();
  sendJson(res, 200, { storageId }, { ...STORAGE_HEADERS });
}

/**
 * Attached: a `files` row claims it and is not `pending` (an upload registered but not yet
 * attached). Refused and abandoned uploads are never served, even before the orphan sweep.
 */
function isAttached(engine: Engine, storageId: string): boolean {
  for (const row of engine.documentsWhere("files", "storageId", storageId)) if (row.pending !== true) return true;
  return false;
}

function notFound(res: ServerResponse): void {
  sendText(res, 404, "File not found", { ...STORAGE_HEADERS });
}

function download(req: IncomingMessage, res: ServerResponse, token: string, deps: Deps): void {
  // Only tokens this server made: not a raw storage id, not a content hash.
  const storageId = deps.tokens.storageIdOf(token);
  const row = storageId ? deps.engine.storageRow(storageId) : null;
  if (!storageId || !row || !isAttached(deps.engine, storageId)) return notFound(res);
  const size = deps.blobs.size(storageId);
  if (size === null) return notFound(res);
  const stored = typeof row.contentType === "string" ? row.contentType : "";
  const inline = INLINE_TYPES.has(stored);
  const etag = `"${String(row.sha256)}"`;
  const headers: Record<string, string | number> = {
    ...STORAGE_HEADERS,
    "Content-Type": inline ? stored : UNKNOWN_TYPE,
    "Content-Disposition": inline ? "inline" : "attachment",
    "Accept-Ranges": "bytes",
    ETag: etag,
    // Private: only whoever was given the URL; immutable: a storage id's bytes never change.
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
  fs.createReadStream(deps.blobs.fileOf(storageId), { start, end }).pipe(res);
}
