// Snapshots of the whole database: written to a temporary file, fsync'ed, then renamed into place.
import fs from "node:fs";
import path from "node:path";
import type { JSONValue } from "convex/values";
import type { EngineState } from "../engine/engine";
import { decodeDoc, encodeDoc } from "./codec";

type Meta = { format: 1; ts: string; nextDocId: number; lastCreationTime: number; count: number };

export function writeSnapshot(file: string, state: EngineState): void {
  const temporary = `${file}.tmp`;
  const fd = fs.openSync(temporary, "w");
  try {
    const meta: Meta = {
      format: 1,
      ts: state.ts.toString(),
      nextDocId: state.nextDocId,
      lastCreationTime: state.lastCreationTime,
      count: state.documents.length,
    };
    let chunk: string[] = [JSON.stringify(meta)];
    const flush = () => {
      fs.writeSync(fd, chunk.join("\n") + "\n");
      chunk = [];
    };
    for (const doc of state.documents) {
      chunk.push(JSON.stringify(encodeDoc(doc)));
      if (chunk.length >= 500) flush();
    }
    flush();
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  syncDirectory(path.dirname(file));
}

export function readSnapshot(file: string): EngineState | null {
  if (!fs.existsSync(file)) return null;
  const lines = fs.readFileSync(file, "utf8").split("\n").filter((line) => line.length > 0);
  const meta = JSON.parse(lines[0]) as Meta;
  if (meta.format !== 1 || lines.length - 1 !== meta.count) {
    throw new Error(`${file} is damaged (expected ${meta.count} documents, found ${lines.length - 1})`);
  }
  return {
    ts: BigInt(meta.ts),
    nextDocId: meta.nextDocId,
    lastCreationTime: meta.lastCreationTime,
    documents: lines.slice(1).map((line) => decodeDoc(JSON.parse(line) as JSONValue)),
  };
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
