// The data directory: snapshot + write-ahead log of documents, a lock, periodic compaction.
import fs from "node:fs";
import path from "node:path";
import { ConvexError, type JSONValue } from "convex/values";
import type { PendingCommit } from "../engine/commits";
import type { Engine, EngineState } from "../engine/engine";
import { ConfigError } from "../listen";
import type { StoredDoc } from "../engine/internals";
import { DataFileDamaged, decodeDoc, encodeDoc, type WalRecord } from "./codec";
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
  /** The data files predate checksums: rewritten (snapshot + empty log) once the engine is attached. */
  private migrate = false;
  /** A log fsync failed (applied records may be lost on disk): nothing is acknowledged until a snapshot holds all again. */
  private logUnsure = false;
  /** The last write to the data directory failed (reported once until a write succeeds). */
  private diskTrouble = false;

  private constructor(
    readonly dir: string,
    private readonly warn: (line: string) => void,
  ) {}

  /** Creates and locks the directory; throws a readable error otherwise. */
  static open(dir: string, warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): DataStore {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK);
    const store = new DataStore(dir, warn);
    store.lock();
    return store;
  }

  get snapshotFile(): string {
    return path.join(this.dir, "snapshot.jsonl");
  }

  get walFile(): string {
    return path.join(this.dir, "wal.jsonl");
  }

  get log(): WriteAheadLog | null {
    return this.wal;
  }

  /** A torn last log record is cut off with a warning; damage anywhere else throws DataFileDamaged (startup stops). */
  load(): EngineState & { fresh: boolean } {
    const snapshot = readSnapshot(this.snapshotFile);
    const docs = new Map<string, StoredDoc>();
    for (const doc of snapshot?.documents ?? []) docs.set(doc._id, doc);
    let ts = snapshot?.ts ?? 0n;
    let nextDocId = snapshot?.nextDocId ?? 0;
    let lastCreationTime = snapshot?.lastCreationTime ?? 0;
    const { records, legacy, cut } = readWal(this.walFile);
    if (cut) {
      this.warn(`whispers: ${this.walFile}: cut off an incomplete or damaged last record at byte ${cut.offset} (${cut.bytes} bytes dropped)`);
    }
    this.migrate = legacy || snapshot?.legacy === true;
    for (const record of records) {
      const recordTs = BigInt(record.ts);
      if (snapshot && recordTs <= snapshot.ts) continue;
      for (const [id, json] of record.w) {
        if (json === null) docs.delete(id);
        else docs.set(id, decodeLogged(json, this.walFile, record.ts));
      }
      if (recordTs > ts) ts = recordTs;
      nextDocId = Math.max(nextDocId, record.n);
      lastCreationTime = Math.max(lastCreationTime, record.c);
    }
    return { documents: [...docs.values()], ts, nextDocId, lastCreationTime, fresh: snapshot === null && records.length === 0 };
  }

  attach(engine: Engine): void {
    this.engine = engine;
    this.wal = new WriteAheadLog(this.walFile);
    engine.setJournal((commit) => this.record(commit));
    if (this.migrate && this.compact()) this.warn(`whispers: ${this.dir}: data files rewritten with checksums (they were written by an older version)`);
    this.migrate = false;
    this.timer = setInterval(() => {
      if (this.commitsSinceSnapshot > 0 || this.logUnsure) this.compact();
    }, COMPACT_EVERY_MS);
    this.timer.unref();
  }

  /** Appends a commit before it is applied; a refused write refuses the commit with a ConvexError. */
  private record(commit: PendingCommit): void {
    const record: WalRecord = {
      ts: commit.ts.toString(),
      n: commit.nextDocId,
      c: commit.lastCreationTime,
      w: commit.writes.map(([id, doc]) => [id, doc === null ? null : encodeDoc(doc)]),
    };
    try {
      this.wal!.append(record);
    } catch (error) {
      this.reportTrouble(`could not append to ${this.walFile} (${describeIoError(error)}): changes are refused until there is room; reads go on`);
      throw diskError(error);
    }
    this.diskTrouble = false;
    this.commitsSinceSnapshot++;
    if (this.wal!.bytes > COMPACT_AFTER_BYTES && !this.compactionQueued) {
      this.compactionQueued = true;
      setImmediate(() => {
        this.compactionQueued = false;
        this.compact();
      });
    }
  }

  /** Every commit so far on stable storage: a failed log fsync falls back to a snapshot; only both failing throw. */
  async flush(): Promise<void> {
    const wal = this.wal;
    if (!wal) return;
    let failure: unknown = null;
    if (!this.logUnsure) {
      try {
        await wal.sync();
        return;
      } catch (error) {
        failure = error;
        this.logUnsure = true;
        this.reportTrouble(`could not fsync ${this.walFile} (${describeIoError(error)}): changes are not confirmed until a snapshot can be written; reads go on`);
      }
    }
    // A compaction since (by another caller) already covered this caller's commits.
    if (this.logUnsure && !this.compact()) throw diskError(failure, "could not confirm that this change is saved");
  }

  /** Synchronous, so no commit interleaves; a snapshot the disk refuses leaves the log complete for a later retry. */
  compact(): boolean {
    if (!this.engine || !this.wal) return false;
    try {
      writeSnapshot(this.snapshotFile, this.engine.exportState());
    } catch (error) {
      this.reportTrouble(`could not write ${this.snapshotFile} (${describeIoError(error)}); a later compaction retries`);
      return false;
    }
    this.logUnsure = false;
    this.commitsSinceSnapshot = 0;
    try {
      this.wal.truncate();
    } catch (error) {
      // Harmless: every record left in the log is older than the snapshot and skipped at load.
      this.reportTrouble(`could not empty ${this.walFile} after a snapshot (${describeIoError(error)})`);
    }
    return true;
  }

  private reportTrouble(line: string): void {
    if (this.diskTrouble) return;
    this.diskTrouble = true;
    this.warn(`whispers: ${line}`);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    try {
      if (this.wal) {
        this.compact();
        this.wal.close();
      }
    } finally {
      this.wal = null;
      this.unlock();
    }
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

/** A logged document; one that does not decode (damage in a log written before checksums) stops startup. */
function decodeLogged(json: JSONValue, file: string, ts: string): StoredDoc {
  try {
    return decodeDoc(json);
  } catch (error) {
    throw new DataFileDamaged(
      `${file} holds a document that cannot be read (commit ${ts}: ${error instanceof Error ? error.message : String(error)}), so nothing was loaded; ` +
        `restore the data directory from a backup`,
    );
  }
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOSPC") return "disk full";
  if (code === "EDQUOT") return "disk quota exceeded";
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** The file call's own error, or the UNAVAILABLE error a refused commit gets. */
export function isDiskError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOSPC" || code === "EDQUOT") return true;
  return (error as { data?: { code?: unknown } } | null)?.data?.code === "UNAVAILABLE";
}

/** The client retries an UNAVAILABLE commit. */
function diskError(error: unknown, what = "could not save this change"): ConvexError<{ code: string; message: string }> {
  return new ConvexError({ code: "UNAVAILABLE", message: `The server ${what} (${describeIoError(error)}). Try again later.` });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
