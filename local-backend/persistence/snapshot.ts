// Snapshots of the whole database (checksummed lines): written to a temporary file, fsync'ed, then renamed into place.
import fs from "node:fs";
import path from "node:path";
import type { JSONValue } from "convex/values";
import type { EngineState } from "../engine/engine";
import { checksummedLine, DataFileDamaged, decodeDoc, encodeDoc, parseStoredLine } from "./codec";

/** Format 2 checksums every line; format 1 (no checksums) is still read. */
type Meta = { format: 1 | 2; ts: string; nextDocId: number; lastCreationTime: number; count: number };

/** On failure (a full disk) the old snapshot stays and no temporary file is left. */
export function writeSnapshot(file: string, state: EngineState): void {
  const temporary = `${file}.tmp`;
  const fd = fs.openSync(temporary, "w");
  try {
    const meta: Meta = {
      format: 2,
      ts: state.ts.toString(),
      nextDocId: state.nextDocId,
      lastCreationTime: state.lastCreationTime,
      count: state.documents.length,
    };
    let chunk: string[] = [checksummedLine(JSON.stringify(meta))];
    const flush = () => {
      const bytes = Buffer.from(chunk.join(""), "utf8");
      // A nearly full disk may take part of a write without an error: write the rest.
      for (let offset = 0; offset < bytes.length; ) offset += fs.writeSync(fd, bytes, offset);
      chunk = [];
    };
    for (const doc of state.documents) {
      chunk.push(checksummedLine(JSON.stringify(encodeDoc(doc))));
      if (chunk.length >= 500) flush();
    }
    flush();
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(temporary, file);
  syncDirectory(path.dirname(file));
}

/** Replaced atomically, so any bad line is damage, never a torn write. `legacy`: written before checksums. */
export function readSnapshot(file: string): (EngineState & { legacy: boolean }) | null {
  if (!fs.existsSync(file)) return null;
  const data = fs.readFileSync(file);
  const values: unknown[] = [];
  let legacy = false;
  let start = 0;
  while (start < data.length) {
    let end = data.indexOf(0x0a, start);
    if (end === -1) end = data.length;
    const line = data.subarray(start, end);
    if (line.length > 0) {
      const parsed = parseStoredLine(line);
      // Format 1 has no checksums at all; in format 2 every line must carry one.
      if (parsed === undefined || (values.length > 0 && parsed.legacy !== legacy)) throw damaged(file, `the line at byte ${start} fails its checksum`);
      if (values.length === 0) legacy = parsed.legacy;
      values.push(parsed.value);
    }
    start = end + 1;
  }
  const meta = values[0] as Meta | undefined;
  if (!meta || meta.format !== (legacy ? 1 : 2)) throw damaged(file, "its first line is not a snapshot header");
  if (values.length - 1 !== meta.count) {
    throw damaged(file, `it holds ${values.length - 1} documents where its header announces ${meta.count} (byte ${data.length})`);
  }
  return {
    ts: BigInt(meta.ts),
    nextDocId: meta.nextDocId,
    lastCreationTime: meta.lastCreationTime,
    documents: values.slice(1).map((json) => {
      try {
        return decodeDoc(json as JSONValue);
      } catch (error) {
        throw damaged(file, `a document cannot be read: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
    legacy,
  };
}

function damaged(file: string, what: string): DataFileDamaged {
  return new DataFileDamaged(
    `${file} is damaged (${what}), so nothing was loaded; restore the file from a backup, ` +
      `or move the data directory aside to start with an empty one`,
  );
}

export function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    // Some file systems cannot fsync a directory; the rename is still atomic.
  }
}
