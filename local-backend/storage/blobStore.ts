// Stored files on disk under <data dir>/files/<storageId>, written before their row commits.
import fs from "node:fs";
import path from "node:path";
import { syncDirectory } from "../persistence/snapshot";

export class BlobStore {
  private readonly known = new WeakMap<Blob, Uint8Array>();
  /** Files whose bytes are still being written (blobs stored by functions, not by the upload route). */
  private readonly pending = new Map<string, { blob: Blob; done: Promise<void> }>();

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  fileOf(storageId: string): string {
    if (!/^[0-9]+_storage$/.test(storageId)) throw new Error(`not a storage id: ${storageId}`);
    return path.join(this.dir, storageId);
  }

  /** Lets `store` write these bytes synchronously (the upload route already holds them). */
  remember(blob: Blob, bytes: Uint8Array): void {
    this.known.set(blob, bytes);
  }

  store(storageId: string, blob: Blob): void {
    const bytes = this.known.get(blob);
    if (bytes) {
      writeDurably(this.fileOf(storageId), bytes);
      return;
    }
    const done = blob.arrayBuffer().then((buffer) => {
      writeDurably(this.fileOf(storageId), new Uint8Array(buffer));
      this.pending.delete(storageId);
    });
    this.pending.set(storageId, { blob, done });
  }

  open(storageId: string, contentType: string | undefined): Promise<Blob> | null {
    const pending = this.pending.get(storageId);
    if (pending) return Promise.resolve(pending.blob);
    const file = this.fileOf(storageId);
    if (!fs.existsSync(file)) return null;
    return fs.openAsBlob(file, contentType ? { type: contentType } : undefined);
  }

  size(storageId: string): number | null {
    try {
      return fs.statSync(this.fileOf(storageId)).size;
    } catch {
      return null;
    }
  }

  remove(storageId: string): void {
    fs.rmSync(this.fileOf(storageId), { force: true });
  }

  async settle(): Promise<void> {
    await Promise.all([...this.pending.values()].map((p) => p.done));
  }
}

function writeDurably(file: string, bytes: Uint8Array): void {
  const temporary = `${file}.tmp`;
  const fd = fs.openSync(temporary, "w");
  try {
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  syncDirectory(path.dirname(file));
}
