// A full disk (ENOSPC injected at the log's file calls) refuses one change with UNAVAILABLE; nothing half-applied, the server goes on.
import fs from "node:fs";
import path from "node:path";
import type { UserIdentity } from "convex/server";
import { anyApi } from "convex/server";
import { ConvexError } from "convex/values";
import { afterAll, expect, test, vi } from "vitest";
import { Engine } from "./engine/engine";
import { DataStore } from "./persistence/store";
import type { WalIo } from "./persistence/wal";
import { ROOT_DIR } from "./server";
import { httpClient, nextValue, sleep, startTestBackend, tempDataDir, wsClient, type TestBackend } from "./testing/harness";

const api = anyApi;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function enospc(syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, ${syscall}`), { code: "ENOSPC", errno: -28, syscall });
}

const fullDisk: Partial<WalIo> = {
  write: () => {
    throw enospc("write");
  },
};

const alice: UserIdentity = {
  subject: "dev|alice",
  issuer: "http://test",
  tokenIdentifier: "http://test|dev|alice",
  email: "alice@whispers.local",
  nickname: "alice",
};

type Profile = { _id: string; mood?: string } | null;

async function engineWithStore(dir: string, warnings: string[]): Promise<{ engine: Engine; store: DataStore }> {
  const engine = await Engine.create(path.join(ROOT_DIR, "convex"), { store: () => undefined, open: () => null, uploadToken: () => "t" });
  const store = DataStore.open(dir, (line) => warnings.push(line));
  const state = store.load();
  if (!state.fresh) engine.restore(state);
  store.attach(engine);
  return { engine, store };
}

function dataDir(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
}

test("an append refused by the disk refuses the commit with UNAVAILABLE: not applied, nothing left in the log, later commits fine", async () => {
  const dir = dataDir();
  const warnings: string[] = [];
  const { engine, store } = await engineWithStore(dir, warnings);
  try {
    const log = store.log!;
    const realIo = log.io;
    const sizeBefore = fs.statSync(store.walFile).size;
    const tsBefore = engine.lastTs;
    log.io = { ...realIo, ...fullDisk };
    const refused = await engine.mutation("users:ensureViewer", {}, alice).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConvexError);
    expect((refused as ConvexError<{ code: string; message: string }>).data).toEqual({
      code: "UNAVAILABLE",
      message: "The server could not save this change (disk full). Try again later.",
    });
    expect([...engine.documentsOf("users")]).toEqual([]);
    expect((await engine.query("users:me", {}, alice)).value).toBeNull();
    expect(engine.lastTs).toBe(tsBefore);
    expect(warnings).toEqual([`whispers: could not append to ${store.walFile} (disk full): changes are refused until there is room; reads go on`]);

    // Half a record written, then the disk is full: the log is cut back to its last whole record.
    let calls = 0;
    log.io = {
      ...realIo,
      write: (fd, buffer, offset) => {
        if (calls++ === 0) return fs.writeSync(fd, buffer, offset, Math.floor((buffer.length - offset) / 2));
        throw enospc("write");
      },
    };
    await expect(engine.mutation("users:ensureViewer", {}, alice)).rejects.toThrow(/disk full/);
    expect(fs.statSync(store.walFile).size).toBe(sizeBefore);
    expect(warnings).toHaveLength(1);

    log.io = realIo;
    const created = (await engine.mutation("users:ensureViewer", {}, alice)).value as { _id: string };
    await store.flush();
    expect([...engine.documentsOf("users")].map((u) => u._id)).toEqual([created._id]);
  } finally {
    store.close();
    engine.close();
  }
  const reloaded = DataStore.open(dir, (line) => warnings.push(line));
  try {
    expect(reloaded.load().documents.filter((d) => d._id.endsWith("users"))).toHaveLength(1);
  } finally {
    reloaded.close();
  }
});

test("a failed fsync is covered by a snapshot of memory; if that fails too the caller gets UNAVAILABLE until one succeeds", async () => {
  const dir = dataDir();
  const warnings: string[] = [];
  const { engine, store } = await engineWithStore(dir, warnings);
  try {
    const log = store.log!;
    const realIo = log.io;
    const failingFsync: WalIo["fsync"] = (_fd, callback) => setImmediate(() => callback(enospc("fsync")));
    log.io = { ...realIo, fsync: failingFsync };
    await engine.mutation("users:ensureViewer", {}, alice);
    await store.flush();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^whispers: could not fsync .*wal\.jsonl \(disk full\)/);
    expect(fs.readFileSync(store.snapshotFile, "utf8")).toContain("dev|alice");
    expect(fs.statSync(store.walFile).size).toBe(0);

    // Now the snapshot cannot be written either (its temporary file is in the way).
    fs.mkdirSync(`${store.snapshotFile}.tmp`);
    await engine.mutation("users:setMood", { mood: "calm" }, alice);
    const refused = await store.flush().catch((e: unknown) => e);
    expect((refused as ConvexError<{ code: string; message: string }>).data).toMatchObject({
      code: "UNAVAILABLE",
      message: "The server could not confirm that this change is saved (disk full). Try again later.",
    });
    // Even with the log's fsync working again, nothing is confirmed until the snapshot is written.
    log.io = realIo;
    await expect(store.flush()).rejects.toThrow(/could not confirm/);
    fs.rmdirSync(`${store.snapshotFile}.tmp`);
    await store.flush();
    expect(fs.readFileSync(store.snapshotFile, "utf8")).toContain('"mood":"calm"');
  } finally {
    store.close();
    engine.close();
  }
});

test("on the real server: mutations (WebSocket and HTTP) fail with UNAVAILABLE, an upload gets 503, reads and subscriptions go on, the next try succeeds", async () => {
  const backend: TestBackend = await startTestBackend();
  const client = wsClient(backend, "alice");
  try {
    const http = await httpClient(backend, "alice");
    await client.mutation(api.users.ensureViewer, {});
    await client.mutation(api.users.setMood, { mood: "calm" });
    const uploadUrl = (await client.mutation(api.files.generateUploadUrl, {})) as string;
    const log = backend.store.log!;
    const realIo = log.io;
    log.io = { ...realIo, ...fullDisk };
    const refused = await client.mutation(api.users.setMood, { mood: "tired" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConvexError);
    expect((refused as ConvexError<{ code: string }>).data.code).toBe("UNAVAILABLE");
    const overHttp = await http.mutation(api.users.setMood, { mood: "tired" }).catch((e: unknown) => e);
    expect((overHttp as ConvexError<{ code: string }>).data.code).toBe("UNAVAILABLE");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const upload = await fetch(uploadUrl, { method: "POST", headers: { "Content-Type": "image/png" }, body: png });
    expect(upload.status).toBe(503);
    expect(await upload.json()).toEqual({ error: "The server's disk is full: the file was not stored. Try again later." });
    // Reads: over HTTP and a fresh subscription, still the last saved state.
    expect(((await http.query(api.users.me, {})) as Profile)?.mood).toBe("calm");
    expect((await nextValue<Profile>(client, api.users.me, {}, () => true))?.mood).toBe("calm");
    log.io = realIo;
    await client.mutation(api.users.setMood, { mood: "tired" });
    expect(((await http.query(api.users.me, {})) as Profile)?.mood).toBe("tired");
  } finally {
    await client.close();
    await backend.cleanup();
  }
});

test("a scheduled function that cannot record its state does not end the server; it runs after the next start", async () => {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const first = await startTestBackend({ dataDir });
  try {
    const jobId = await first.engine.transact(async (_db, ctx) => await ctx.scheduler.runAfter(200, anyApi.whispers.processScheduledWhispers, {}));
    const log = first.store.log!;
    const realIo = log.io;
    log.io = { ...realIo, ...fullDisk };
    await sleep(600);
    expect(errors.mock.calls.map((call) => String(call[0]))).toContain(
      "local backend: a scheduled function could not record its state (The server could not save this change (disk full). Try again later.); it runs again at the next start",
    );
    expect((await fetch(`${first.origin}/health`)).status).toBe(200);
    log.io = realIo;
    await first.close();

    const second = await startTestBackend({ dataDir });
    try {
      const state = async () => (await second.engine.transact(async (db) => db.get("_scheduled_functions", jobId)))?.state as { kind: string };
      for (let i = 0; i < 50 && (await state()).kind !== "success"; i++) await sleep(50);
      expect((await state()).kind).toBe("success");
    } finally {
      await second.close();
    }
  } finally {
    errors.mockRestore();
  }
});
