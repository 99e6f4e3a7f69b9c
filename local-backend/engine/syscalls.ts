// The engine's syscalls: storage (upload and download URLs, file bytes) through a FileBackend, and far-future scheduling.
import { jsonToConvex, type JSONValue, type Value } from "convex/values";
import { tableOfId, type ConvexGlobal, type DatabaseFake } from "./internals";
import { PLACEHOLDER_STORAGE } from "./urls";

export interface FileBackend {
  /** Called inside the transaction that inserts the `_storage` row, before it commits. */
  store(storageId: string, blob: Blob): void;
  open(storageId: string, contentType: string | undefined): Promise<Blob> | null;
  uploadToken(): string;
  /** The unguessable token a file's download URL carries (without it, engines that serve no files: the id). */
  downloadToken?(storageId: string): string;
}

/** Node timers cannot wait longer than ~24.8 days. */
const FAR_FUTURE_MS = 2_000_000_000;

/** Schedules a call too far ahead for convex-test's setTimeout (it would fire at once); returns its id. */
export type ScheduleFar = (db: DatabaseFake, name: string, args: Value, runAtMs: number) => string;

export function installSyscalls(global: ConvexGlobal, db: DatabaseFake, files: FileBackend, far: () => ScheduleFar | null): void {
  const original = global.asyncSyscall;
  global.asyncSyscall = async (op, jsonArgs) => {
    if (op === "1.0/storageGenerateUploadUrl") {
      return JSON.stringify(`${PLACEHOLDER_STORAGE}upload?token=${files.uploadToken()}`);
    }
    if (op === "1.0/storageGetUrl") {
      // By id rather than by content hash, so each file keeps its own Content-Type.
      const { storageId } = JSON.parse(jsonArgs) as { storageId: string };
      const row = tableOfId(storageId) === "_storage" ? db.get("_storage", storageId) : null;
      return JSON.stringify(row === null ? null : `${PLACEHOLDER_STORAGE}${files.downloadToken?.(storageId) ?? storageId}`);
    }
    const scheduleFar = far();
    if (op === "1.0/schedule" && scheduleFar) {
      const request = JSON.parse(jsonArgs) as { name?: string; args: JSONValue; ts: number };
      const runAt = request.ts * 1000;
      if (request.name && runAt - Date.now() > FAR_FUTURE_MS) {
        return JSON.stringify(scheduleFar(db, request.name, jsonToConvex(request.args), runAt));
      }
    }
    return await original(op, jsonArgs);
  };
  db.storeFile = (storageId, blob) => files.store(storageId, blob);
  db.getFile = (storageId) => {
    const row = db.get("_storage", storageId);
    if (row === null) return null;
    return files.open(storageId, typeof row.contentType === "string" ? row.contentType : undefined);
  };
}
