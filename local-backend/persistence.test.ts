// The data directory's checks: checksummed log and snapshot lines, a torn tail cut and reported, damage refused, old files migrated.
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { Engine } from "./engine/engine";
import { DataFileDamaged } from "./persistence/codec";
import { readSnapshot } from "./persistence/snapshot";
import { DataStore } from "./persistence/store";
import { readWal, WriteAheadLog } from "./persistence/wal";
import { ROOT_DIR } from "./server";
import { runCli } from "./testing/child";
import { tempDataDir } from "./testing/harness";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function dataDir(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
}

const user = (n: number) => [`${n}users`, { _id: `${n}users`, _creationTime: n, name: `user ${n}` }] as [string, { _id: string; _creationTime: number; name: string }];

/** A log of `count` commits, each inserting one user; returns its path and the byte offset of each record. */
function writeLog(dir: string, count: number): { file: string; offsets: number[] } {
  const file = path.join(dir, "wal.jsonl");
  const wal = new WriteAheadLog(file);
  const offsets: number[] = [];
  for (let i = 1; i <= count; i++) {
    offsets.push(wal.bytes);
    wal.append({ ts: String(i * 1000), n: i + 1, c: i, w: [user(i)] });
  }
  wal.close();
  return { file, offsets };
}

function loadWith(dir: string): { state: ReturnType<DataStore["load"]>; warnings: string[] } {
  const warnings: string[] = [];
  const store = DataStore.open(dir, (line) => warnings.push(line));
  try {
    return { state: store.load(), warnings };
  } finally {
    store.close();
  }
}

test("every log record carries a CRC32 of its JSON", () => {
  const { file } = writeLog(dataDir(), 2);
  const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
  expect(lines).toHaveLength(2);
  for (const line of lines) expect(line).toMatch(/^[0-9a-f]{8} \{"ts":/);
});

test("a torn last record is cut off and reported in one line; every complete record loads", () => {
  const dir = dataDir();
  const { file } = writeLog(dir, 3);
  const size = fs.statSync(file).size;
  fs.truncateSync(file, size - 7);
  const { state, warnings } = loadWith(dir);
  expect(state.documents.map((d) => d._id)).toEqual(["1users", "2users"]);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(new RegExp(`^whispers: ${file}: cut off an incomplete or damaged last record at byte \\d+ \\(\\d+ bytes dropped\\)$`));
  expect(fs.readFileSync(file, "utf8").split("\n")).toHaveLength(3);
});

test("a changed digit in a middle record (still valid JSON) stops loading: file and byte offset named, nothing cut", () => {
  const dir = dataDir();
  const { file, offsets } = writeLog(dir, 3);
  const before = fs.readFileSync(file);
  const text = before.toString("utf8");
  // Record 2's "n":3 becomes "n":4: valid JSON, wrong checksum.
  const at = text.indexOf('"n":3');
  fs.writeFileSync(file, text.slice(0, at) + '"n":4' + text.slice(at + 5));
  const error = (() => {
    try {
      loadWith(dir);
    } catch (e) {
      return e;
    }
  })();
  expect(error).toBeInstanceOf(DataFileDamaged);
  const message = (error as Error).message;
  expect(message).toContain(`${file} is damaged at byte ${offsets[1]}`);
  expect(message).toContain("1 later record(s)");
  expect(message).toContain(`truncate -s ${offsets[1]} ${file}`);
  expect(message).not.toContain("\n");
  expect(fs.statSync(file).size).toBe(before.length);
});

test("unparseable garbage in the middle of the log stops loading too (the later records were acknowledged)", () => {
  const dir = dataDir();
  const { file, offsets } = writeLog(dir, 3);
  const data = fs.readFileSync(file);
  data[offsets[1] + 12] = 0x00;
  fs.writeFileSync(file, data);
  expect(() => readWal(file)).toThrow(new RegExp(`damaged at byte ${offsets[1]} `));
  // Two bad records at the end are damage as well, not a torn write.
  const two = writeLog(dataDir(), 3);
  const tail = fs.readFileSync(two.file);
  tail[two.offsets[1] + 12] = 0x00;
  tail[two.offsets[2] + 12] = 0x00;
  fs.writeFileSync(two.file, tail);
  expect(() => readWal(two.file)).toThrow(DataFileDamaged);
});

test("snapshots are checksummed: one changed byte anywhere stops loading with the offset", async () => {
  const dir = dataDir();
  const file = path.join(dir, "snapshot.jsonl");
  const engine = await Engine.create(path.join(ROOT_DIR, "convex"), { store: () => undefined, open: () => null, uploadToken: () => "t" });
  try {
    await engine.transact(async (_db, ctx) => {
      await (ctx.db as unknown as { insert(table: string, doc: object): Promise<string> }).insert("featureFlags", { name: "A", enabled: true, updatedAt: 987654321 });
    });
    const store = DataStore.open(dir);
    store.attach(engine);
    expect(store.compact()).toBe(true);
    store.close();
  } finally {
    engine.close();
  }
  const text = fs.readFileSync(file, "utf8");
  for (const line of text.trimEnd().split("\n")) expect(line).toMatch(/^[0-9a-f]{8} \{/);
  expect(readSnapshot(file)?.documents.some((d) => d.updatedAt === 987654321)).toBe(true);
  const at = text.indexOf('"updatedAt":987654321');
  fs.writeFileSync(file, text.slice(0, at) + '"updatedAt":987654322' + text.slice(at + 21));
  const lineStart = text.lastIndexOf("\n", at) + 1;
  expect(() => readSnapshot(file)).toThrow(new RegExp(`snapshot\\.jsonl is damaged \\(the line at byte ${lineStart} fails its checksum\\)`));
});

test("a data directory written before checksums loads, and is rewritten with checksums once attached", async () => {
  const dir = dataDir();
  const snapshot = { format: 1, ts: "1000", nextDocId: 3, lastCreationTime: 1, count: 1 };
  fs.writeFileSync(path.join(dir, "snapshot.jsonl"), `${JSON.stringify(snapshot)}\n${JSON.stringify(user(1)[1])}\n`);
  const records = [2000, 3000].map((ts, i) => ({ ts: String(ts), n: 4 + i, c: 2 + i, w: [user(2 + i)] }));
  fs.writeFileSync(path.join(dir, "wal.jsonl"), records.map((r) => `${JSON.stringify(r)}\n`).join(""));
  const warnings: string[] = [];
  const store = DataStore.open(dir, (line) => warnings.push(line));
  const engine = await Engine.create(path.join(ROOT_DIR, "convex"), { store: () => undefined, open: () => null, uploadToken: () => "t" });
  try {
    const state = store.load();
    expect(state.documents.map((d) => d._id).sort()).toEqual(["1users", "2users", "3users"]);
    engine.restore(state);
    store.attach(engine);
    expect(warnings).toEqual([`whispers: ${dir}: data files rewritten with checksums (they were written by an older version)`]);
  } finally {
    store.close();
    engine.close();
  }
  for (const line of fs.readFileSync(path.join(dir, "snapshot.jsonl"), "utf8").trimEnd().split("\n")) expect(line).toMatch(/^[0-9a-f]{8} \{/);
  expect(fs.readFileSync(path.join(dir, "wal.jsonl"), "utf8")).toBe("");
  const again = loadWith(dir);
  expect(again.state.documents.map((d) => d._id).sort()).toEqual(["1users", "2users", "3users"]);
  expect(again.warnings).toEqual([]);
});

test("npm start on a damaged log: one line on stderr naming the file, the offset and the way out, and exit code 1", async () => {
  const dir = dataDir();
  const { file, offsets } = writeLog(dir, 3);
  const text = fs.readFileSync(file, "utf8");
  const at = text.indexOf('"n":3');
  fs.writeFileSync(file, text.slice(0, at) + '"n":7' + text.slice(at + 5));
  const run = await runCli({ PORT: "0", WHISPERS_DATA_DIR: dir });
  expect(run.code).toBe(1);
  const lines = run.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^whispers: ${file} is damaged at byte ${offsets[1]} .*truncate -s ${offsets[1]} `));
}, 60_000);
