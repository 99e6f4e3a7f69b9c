// The data directory: snapshot + write-ahead log of documents, a lock, periodic compaction.
import fs from "node:fs";
import path from "node:path";
import type { Commit, Engine, EngineState } from "../engine/engine";
import { ConfigError } from "../listen";
import type { StoredDoc } from "../engine/internals";
import { decodeDoc, encodeDoc, type WalRecord } from "./codec";
import { readSnapshot, writeSnapshot } from "./snapshot";
import { readWal, WriteAheadLog } from "./wal";

const COMPACT_AFTER_BYTES = 16 * 1024 * 1024;
const COMPACT_EVERY_MS = 5 * 60 * 1000;

export class DataStore {
  private wal: WriteAheadLog | null = null;
  private engine: Engine | null = null;
  private timer: NodeJS.Timeout | null = null;
  private commitsSinceSnapshot = 0;
  private compactionQueued = false;

  private constructor(readonly dir: string) {}

  /** Opens (creating if needed) and locks a data directory; throws a readable error otherwise. */
  static open(dir: string): DataStore {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK);
    const store = new DataStore(dir);
    store.lock();
    return store;
  }

  get snapshotFile(): string {
    return path.join(this.dir, "snapshot.jsonl");
  }

  get walFile(): string {
    return path.join(this.dir, "wal.jsonl");
  }

  /** Snapshot plus every log record after it. */
  load(): EngineState & { fresh: boolean } {
    const snapshot = readSnapshot(this.snapshotFile);
    const docs = new Map<string, StoredDoc>();
    for (const doc of snapshot?.documents ?? []) docs.set(doc._id, doc);
    let ts = snapshot?.ts ?? 0n;
    let nextDocId = snapshot?.nextDocId ?? 0;
    let lastCreationTime = snapshot?.lastCreationTime ?? 0;
    const records = readWal(this.walFile);
    for (const record of records) {
      const recordTs = BigInt(record.ts);
      if (snapshot && recordTs <= snapshot.ts) continue;
      for (const [id, json] of record.w) {
        if (json === null) docs.delete(id);
        else docs.set(id, decodeDoc(json));
      }
      if (recordTs > ts) ts = recordTs;
      nextDocId = Math.max(nextDocId, record.n);
      lastCreationTime = Math.max(lastCreationTime, record.c);
    }
    return { documents: [...docs.values()], ts, nextDocId, lastCreationTime, fresh: snapshot === null && records.length === 0 };
  }

  /** Logs every commit of `engine` from now on and compacts now and then. */
  attach(engine: Engine): void {
    this.engine = engine;
    this.wal = new WriteAheadLog(this.walFile);
    engine.onCommit((commit) => this.record(commit));
    this.timer = setInterval(() => {
      if (this.commitsSinceSnapshot > 0) this.compact();
    }, COMPACT_EVERY_MS);
    this.timer.unref();
  }

  private record(commit: Commit): void {
    const engine = this.engine!;
    const record: WalRecord = {
      ts: commit.ts.toString(),
      n: engine.db._nextDocId,
      c: engine.db._lastCreationTime,
      w: commit.writes.map((w) => [w.id, w.after === null ? null : encodeDoc(w.after)]),
    };
    this.wal!.append(record);
    this.commitsSinceSnapshot++;
    if (this.wal!.bytes > COMPACT_AFTER_BYTES && !this.compactionQueued) {
      this.compactionQueued = true;
      setImmediate(() => {
        this.compactionQueued = false;
        this.compact();
      });
    }
  }

  /** Resolves when every commit so far is on stable storage. */
  async flush(): Promise<void> {
    await this.wal?.sync();
  }

  /** Folds the log into a fresh snapshot (synchronous: no commit can interleave). */
  compact(): void {
    if (!this.engine || !this.wal) return;
    writeSnapshot(this.snapshotFile, this.engine.exportState());
    this.wal.truncate();
    this.commitsSinceSnapshot = 0;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.wal) {
      this.compact();
      this.wal.close();
      this.wal = null;
    }
    this.unlock();
  }

  private get lockFile(): string {
    return path.join(this.dir, "LOCK");
  }

  private lock(): void {
    try {
      const holder = Number(fs.readFileSync(this.lockFile, "utf8").trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new ConfigError(`data directory ${this.dir} is in use by another local backend (pid ${holder})`);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    fs.writeFileSync(this.lockFile, String(process.pid));
  }

  private unlock(): void {
    try {
      if (fs.readFileSync(this.lockFile, "utf8").trim() === String(process.pid)) fs.unlinkSync(this.lockFile);
    } catch {
      // Already gone.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
