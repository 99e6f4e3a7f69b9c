// Append-only write-ahead log of commits (checksummed lines): written synchronously, fsync'ed before acknowledgements.
import fs from "node:fs";
import { checksummedLine, DataFileDamaged, parseStoredLine, type WalRecord } from "./codec";

/** The file calls the log makes; tests replace them to simulate a full disk. */
export type WalIo = {
  write: (fd: number, buffer: Buffer, offset: number) => number;
  fsync: (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => void;
};

const realIo: WalIo = {
  write: (fd, buffer, offset) => fs.writeSync(fd, buffer, offset),
  fsync: (fd, callback) => fs.fsync(fd, callback),
};

/** `append` (sync write) survives a process crash, `sync` (fsync) a machine crash; a failed append is cut back. */
export class WriteAheadLog {
  private fd: number;
  private size: number;
  private appended = 0;
  private synced = 0;
  private syncing: Promise<void> | null = null;
  /** A failed write may have left part of a record at the end; cut it before the next append. */
  private partial = false;
  io: WalIo = realIo;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, "a");
    this.size = fs.fstatSync(this.fd).size;
  }

  get bytes(): number {
    return this.size;
  }

  append(record: WalRecord): void {
    const line = Buffer.from(checksummedLine(JSON.stringify(record)), "utf8");
    if (this.partial) this.cutPartial();
    let offset = 0;
    try {
      while (offset < line.length) offset += this.io.write(this.fd, line, offset);
    } catch (error) {
      if (offset > 0) {
        this.partial = true;
        try {
          this.cutPartial();
        } catch {
          // Still failing: the next append retries the cut first (and fails too if it cannot).
        }
      }
      throw error;
    }
    this.size += line.length;
    this.appended++;
  }

  private cutPartial(): void {
    fs.ftruncateSync(this.fd, this.size);
    this.partial = false;
  }

  /** Group commit: waiting callers share one fsync, and later appends never hold up earlier callers. */
  async sync(): Promise<void> {
    const target = this.appended;
    while (this.synced < target) {
      if (this.syncing) {
        await this.syncing;
        continue;
      }
      const upTo = this.appended;
      const fd = this.fd;
      this.syncing = new Promise<void>((resolve, reject) => this.io.fsync(fd, (err) => (err ? reject(err) : resolve())));
      try {
        await this.syncing;
        if (upTo > this.synced) this.synced = upTo;
      } finally {
        this.syncing = null;
      }
    }
  }

  truncate(): void {
    fs.ftruncateSync(this.fd, 0);
    fs.fsyncSync(this.fd);
    this.size = 0;
    this.partial = false;
    this.synced = this.appended;
  }

  close(): void {
    try {
      fs.fsyncSync(this.fd);
    } finally {
      fs.closeSync(this.fd);
      this.fd = -1;
    }
  }
}

export type WalContents = {
  records: WalRecord[];
  /** Some records predate checksums (the store rewrites the log). */
  legacy: boolean;
  cut: { offset: number; bytes: number } | null;
};

function isRecord(value: unknown): value is WalRecord {
  const r = value as Partial<WalRecord> | null;
  return (
    typeof r === "object" && r !== null && typeof r.ts === "string" && typeof r.n === "number" && typeof r.c === "number" && Array.isArray(r.w)
  );
}

/** A bad last line is a torn write (cut off); a bad line before others is damage, since those were acknowledged. */
export function readWal(file: string): WalContents {
  if (!fs.existsSync(file)) return { records: [], legacy: false, cut: null };
  const data = fs.readFileSync(file);
  const records: WalRecord[] = [];
  let legacy = false;
  let start = 0;
  while (start < data.length) {
    const newline = data.indexOf(0x0a, start);
    const next = newline === -1 ? data.length : newline + 1;
    const parsed = newline === -1 ? undefined : parseStoredLine(data.subarray(start, newline));
    if (parsed === undefined || !isRecord(parsed.value)) {
      if (next < data.length) throw damagedLog(file, start, data.subarray(next));
      fs.truncateSync(file, start);
      return { records, legacy, cut: { offset: start, bytes: data.length - start } };
    }
    records.push(parsed.value);
    legacy ||= parsed.legacy;
    start = next;
  }
  return { records, legacy, cut: null };
}

function damagedLog(file: string, offset: number, rest: Buffer): DataFileDamaged {
  const later = rest.toString("latin1").split("\n").filter((line) => line.length > 0).length;
  return new DataFileDamaged(
    `${file} is damaged at byte ${offset} (a record there fails its checksum, and ${later} later record(s) follow it), so nothing was loaded; ` +
      `restore the data directory from a backup, or start anyway by cutting the log at the damage with ` +
      `\`truncate -s ${offset} ${file}\` (losing the commits from there on)`,
  );
}
