// Append-only write-ahead log of commits: written synchronously, fsync'ed before acknowledgements.
import fs from "node:fs";
import type { WalRecord } from "./codec";

/**
 * `append` writes a record with a synchronous write (it survives a crash of this process as soon
 * as it returns); `sync` makes it survive a crash of the machine (fsync), coalescing callers.
 */
export class WriteAheadLog {
  private fd: number;
  private size: number;
  /** Records appended so far, and how many of them an fsync has covered. */
  private appended = 0;
  private synced = 0;
  private syncing: Promise<void> | null = null;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, "a");
    this.size = fs.fstatSync(this.fd).size;
  }

  get bytes(): number {
    return this.size;
  }

  append(record: WalRecord): void {
    const line = Buffer.from(JSON.stringify(record) + "\n", "utf8");
    let offset = 0;
    while (offset < line.length) offset += fs.writeSync(this.fd, line, offset);
    this.size += line.length;
    this.appended++;
  }

  /**
   * Resolves once everything appended before the call is on stable storage (group commit:
   * callers waiting together share one fsync; later appends do not make earlier callers wait).
   */
  async sync(): Promise<void> {
    const target = this.appended;
    while (this.synced < target) {
      if (this.syncing) {
        await this.syncing;
        continue;
      }
      const upTo = this.appended;
      const fd = this.fd;
      this.syncing = new Promise<void>((resolve, reject) => fs.fsync(fd, (err) => (err ? reject(err) : resolve())));
      try {
        await this.syncing;
        if (upTo > this.synced) this.synced = upTo;
      } finally {
        this.syncing = null;
      }
    }
  }

  syncNow(): void {
    fs.fsyncSync(this.fd);
    this.synced = this.appended;
  }

  /** Empties the log (after its records were folded into a snapshot). */
  truncate(): void {
    fs.ftruncateSync(this.fd, 0);
    fs.fsyncSync(this.fd);
    this.size = 0;
    this.synced = this.appended;
  }

  close(): void {
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = -1;
  }
}

/** Every complete record of a log; a torn last line (crash mid-write) is cut off. */
export function readWal(file: string): WalRecord[] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, "utf8");
  const records: WalRecord[] = [];
  let good = 0;
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    if (end === -1) break;
    const line = text.slice(start, end);
    try {
      records.push(JSON.parse(line) as WalRecord);
    } catch {
      break;
    }
    start = end + 1;
    good += Buffer.byteLength(line, "utf8") + 1;
  }
  if (good < Buffer.byteLength(text, "utf8")) fs.truncateSync(file, good);
  return records;
}
