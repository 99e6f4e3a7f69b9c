// Storage tokens: single-use upload URL tokens (HMAC-signed, an hour, used ones on disk) and unguessable download tokens.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { syncDirectory } from "../persistence/snapshot";
import { HttpError } from "../http/respond";

const VALID_MS = 60 * 60 * 1000;

/** Bytes of HMAC kept in a download token: 128 bits cannot be guessed, and the URL stays short. */
const DOWNLOAD_MAC_BYTES = 16;

const STORAGE_ID = /^[0-9]+_storage$/;

/** Tests replace these to simulate a full disk. */
export type LedgerIo = {
  write: (fd: number, buffer: Buffer) => number;
  fsync: (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => void;
};

const realIo: LedgerIo = {
  write: (fd, buffer) => fs.writeSync(fd, buffer),
  fsync: (fd, callback) => fs.fsync(fd, callback),
};

/** CRC32 hex, a space, `<expiry>.<nonce>` of a used token or `before.<time>` (earlier tokens refused: after damage). */
function ledgerLine(body: string): string {
  return `${zlib.crc32(body).toString(16).padStart(8, "0")} ${body}\n`;
}

type LedgerEntry = { kind: "used"; body: string; expiresAt: number } | { kind: "before"; time: number };

function parseLedgerLine(line: string): LedgerEntry | null {
  const match = /^([0-9a-f]{8}) (([0-9a-z]+)\.([A-Za-z0-9_-]+))$/.exec(line);
  if (!match || zlib.crc32(match[2]!).toString(16).padStart(8, "0") !== match[1]) return null;
  if (match[3] === "before") return /^[0-9a-z]+$/.test(match[4]!) ? { kind: "before", time: parseInt(match[4]!, 36) } : null;
  return { kind: "used", body: match[2]!, expiresAt: parseInt(match[3]!, 36) };
}

export class UploadTokens {
  /** Used (or being used) upload tokens by body → expiry; entries leave once expired. */
  private readonly used = new Map<string, number>();
  private pruneAt = 1024;
  io: LedgerIo = realIo;

  private constructor(
    private readonly secret: Buffer,
    private readonly downloadKey: Buffer,
    private readonly ledger: string,
    /** Upload tokens issued before this instant are refused (the ledger was damaged: which were used is unknown). */
    private readonly refuseIssuedBefore: number,
    used: Map<string, number>,
  ) {
    for (const [body, expiresAt] of used) this.used.set(body, expiresAt);
  }

  static open(dataDir: string, now = Date.now(), warn: (line: string) => void = (line) => console.warn(line)): UploadTokens {
    const dir = path.join(dataDir, "auth");
    const file = path.join(dir, "upload-secret");
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
    }
    const secret = Buffer.from(fs.readFileSync(file, "utf8").trim(), "hex");
    // A key of its own for download URLs (derived: one secret file, no token of one kind passes as the other).
    const downloadKey = createHmac("sha256", secret).update("whispers storage download URLs v1").digest();
    const ledger = path.join(dir, "used-upload-tokens");
    const read = readLedger(ledger, now);
    const { used, damagedAt } = read;
    if (damagedAt !== null) {
      warn(
        `local backend: ${ledger} is damaged at byte ${damagedAt}; upload URLs issued before this start are refused ` +
          `(the app asks for new ones), and the file is rewritten without the damage`,
      );
    }
    // Kept while a token it refuses could still be valid, so a second restart does not forget it.
    const refuseIssuedBefore = damagedAt !== null ? now : read.before + VALID_MS >= now ? read.before : 0;
    rewriteLedger(ledger, used, refuseIssuedBefore);
    return new UploadTokens(secret, downloadKey, ledger, refuseIssuedBefore, used);
  }

  issue(now = Date.now()): string {
    const body = `${(now + VALID_MS).toString(36)}.${randomBytes(9).toString("base64url")}`;
    return `${body}.${this.sign(body)}`;
  }

  /** 401 (missing, forged, expired) or 409 (used, or in use); then `commit` once the whole body is in, or `release`. */
  reserve(token: string | null, now = Date.now()): string {
    if (!token) throw new HttpError(401, "Missing upload token");
    const parts = token.split(".");
    if (parts.length !== 3) throw new HttpError(401, "Malformed upload token");
    const body = `${parts[0]}.${parts[1]}`;
    const expected = Buffer.from(this.sign(body));
    const actual = Buffer.from(parts[2]!);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new HttpError(401, "Invalid upload token");
    const expiresAt = parseInt(parts[0]!, 36);
    if (expiresAt < now) throw new HttpError(401, "Upload URL expired; ask for a new one");
    if (this.used.has(body) || expiresAt - VALID_MS < this.refuseIssuedBefore) {
      throw new HttpError(409, "This upload URL was already used: each upload URL works once; ask for a new one");
    }
    this.used.set(body, expiresAt);
    this.prune(now);
    return body;
  }

  release(body: string): void {
    this.used.delete(body);
  }

  /** Fsync'ed, so a restart still refuses it; opened per upload (rare next to an open), so no descriptor outlives the server. */
  async commit(body: string): Promise<void> {
    const line = Buffer.from(ledgerLine(body), "utf8");
    const fd = fs.openSync(this.ledger, "a", 0o600);
    try {
      const size = fs.fstatSync(fd).size;
      try {
        const written = this.io.write(fd, line);
        if (written !== line.length) throw new Error(`short write to ${this.ledger}`);
      } catch (error) {
        // Leave no partial line behind: the next entry must start on a line of its own.
        try {
          fs.ftruncateSync(fd, size);
        } catch {
          // Startup reports a torn or damaged ledger and refuses the tokens it may have lost.
        }
        throw diskError(error);
      }
      await new Promise<void>((resolve, reject) => this.io.fsync(fd, (err) => (err ? reject(diskError(err)) : resolve())));
    } finally {
      fs.closeSync(fd);
    }
  }

  /** The id and its HMAC: cannot be made from the id alone; stable across restarts. */
  downloadToken(storageId: string): string {
    return `${storageId}.${this.downloadMac(storageId)}`;
  }

  storageIdOf(token: string): string | null {
    const dot = token.lastIndexOf(".");
    if (dot === -1) return null;
    const storageId = token.slice(0, dot);
    if (!STORAGE_ID.test(storageId)) return null;
    const expected = Buffer.from(this.downloadMac(storageId));
    const actual = Buffer.from(token.slice(dot + 1));
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? storageId : null;
  }

  private downloadMac(storageId: string): string {
    return createHmac("sha256", this.downloadKey).update(storageId).digest().subarray(0, DOWNLOAD_MAC_BYTES).toString("base64url");
  }

  private sign(body: string): string {
    return createHmac("sha256", this.secret).update(body).digest("base64url");
  }

  /** Once the map doubled since last time (amortised O(1)). */
  private prune(now: number): void {
    if (this.used.size < this.pruneAt) return;
    for (const [body, expiresAt] of this.used) if (expiresAt < now) this.used.delete(body);
    this.pruneAt = Math.max(1024, this.used.size * 2);
  }
}

/** A torn last line (a crash mid-append, never answered) counts as damage too. */
function readLedger(file: string, now: number): { used: Map<string, number>; before: number; damagedAt: number | null } {
  const used = new Map<string, number>();
  let before = 0;
  let damagedAt: number | null = null;
  if (!fs.existsSync(file)) return { used, before, damagedAt };
  const lines = fs.readFileSync(file, "utf8").split("\n");
  let offset = 0;
  lines.forEach((line, i) => {
    const entry = i === lines.length - 1 ? (line === "" ? undefined : null) : parseLedgerLine(line);
    if (entry === null) damagedAt ??= offset;
    else if (entry?.kind === "used" && entry.expiresAt >= now) used.set(entry.body, entry.expiresAt);
    else if (entry?.kind === "before") before = Math.max(before, entry.time);
    offset += Buffer.byteLength(line) + 1;
  });
  return { used, before, damagedAt };
}

function rewriteLedger(file: string, used: Map<string, number>, before: number): void {
  const temporary = `${file}.tmp`;
  const fd = fs.openSync(temporary, "w", 0o600);
  try {
    const bodies = [...(before > 0 ? [`before.${before.toString(36)}`] : []), ...used.keys()];
    const text = bodies.map(ledgerLine).join("");
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  syncDirectory(path.dirname(file));
}

/** 507 for a full disk (retry with a new URL); other errors pass on. */
function diskError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOSPC" || code === "EDQUOT") return new HttpError(507, "The server's disk is full; the upload was not stored");
  return error;
}
