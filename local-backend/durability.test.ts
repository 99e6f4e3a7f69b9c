// Data, files, scheduled jobs and timestamps survive a restart and a kill -9 right after an acknowledged mutation.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, expect, test } from "vitest";
import { DevAuth } from "./auth/devAuth";
import { decodeTs } from "./protocol/wire";
import { killHard, runCli, spawnBackend, type ChildBackend } from "./testing/child";
import { httpClient, nextValue, startTestBackend, tempDataDir, wsClient } from "./testing/harness";

const api = anyApi;
const dirs: string[] = [];
const children: ChildBackend[] = [];

afterAll(async () => {
  for (const child of children) if (child.process.exitCode === null) await killHard(child);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

type Profile = { _id: string; mood?: string; moodJournal: { mood: string }[] } | null;

async function queryTs(origin: string): Promise<bigint> {
  const response = await fetch(`${origin}/api/query_ts`, { method: "POST" });
  return decodeTs(((await response.json()) as { ts: string }).ts);
}

test("documents, files, pending scheduled functions and ts survive a restart", async () => {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const first = await startTestBackend({ dataDir });
  const alice = await httpClient(first, "alice");
  const bob = (await (await httpClient(first, "bob")).mutation(api.users.ensureViewer, {})) as { _id: string };
  await alice.mutation(api.users.ensureViewer, {});
  await alice.mutation(api.users.completeOnboarding, { username: "alice", displayName: "Alice" });
  await alice.mutation(api.users.setMood, { mood: "hopeful" });
  const url = (await alice.mutation(api.files.generateUploadUrl, {})) as string;
  const picture = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
  const upload = await fetch(url, { method: "POST", headers: { "Content-Type": "image/png" }, body: picture });
  const { storageId } = (await upload.json()) as { storageId: string };
  await alice.action(api.files.registerUpload, { storageId, kind: "image" });
  // Only attached files are served, at the URL functions get for them.
  await alice.mutation(api.whispers.sendWhisper, { clientId: "restart-picture", recipientId: bob._id, content: "a picture", imageStorageId: storageId });
  const pulled = (await alice.query(api.sync.pull, { cursor: "" })) as { changes: { doc: { imageUrl?: string } | null }[] };
  const imagePath = new URL(pulled.changes.find((c) => c.doc?.imageUrl)!.doc!.imageUrl!).pathname;
  const { whisperId } = (await alice.mutation(api.whispers.scheduleWhisper, {
    clientId: "restart-000001",
    recipientId: bob._id,
    content: "after the restart",
    scheduledFor: Date.now() + 60_000,
  })) as { whisperId: string };
  await first.engine.transact(async (_db, ctx) => {
    await ctx.db.patch(whisperId as never, { scheduledFor: Date.now() + 1500 } as never);
    await ctx.scheduler.runAfter(1500, anyApi.whispers.processScheduledWhispers, {});
  });
  // As if the clock had been ahead: the next start must not hand out smaller timestamps.
  first.engine.advanceTs(BigInt(Date.now() + 3_600_000) * 1_000_000n);
  await alice.mutation(api.users.setMood, { mood: "hopeful" });
  const tsBefore = first.engine.lastTs;
  expect(tsBefore).toBeGreaterThan(BigInt(Date.now() + 3_000_000) * 1_000_000n);
  await first.close();

  const second = await startTestBackend({ dataDir });
  try {
    expect(second.engine.lastTs).toBeGreaterThanOrEqual(tsBefore);
    const me = (await (await httpClient(second, "alice")).query(api.users.me, {})) as Profile;
    expect(me?.mood).toBe("hopeful");
    const file = await fetch(`${second.origin}${imagePath}`);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(picture);
    // The job scheduled before the restart runs on the new server and reaches bob's subscription.
    const bobClient = wsClient(second, "bob");
    try {
      await nextValue<{ changes: { doc: { content?: string } | null }[] }>(bobClient, api.sync.pull, { cursor: "" }, (page) =>
        page.changes.some((c) => c.doc?.content === "after the restart"),
      );
    } finally {
      await bobClient.close();
    }
    await (await httpClient(second, "alice")).mutation(api.users.setMood, { mood: "calm" });
    expect(second.engine.lastTs).toBeGreaterThan(tsBefore);
  } finally {
    await second.close();
  }
});

test("kill -9 right after an acknowledged mutation loses nothing, and ts never goes backwards", async () => {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const first = await spawnBackend(dataDir);
  children.push(first);
  // Tokens are signed with the data directory's key; the test reads it like the server does.
  const auth = await DevAuth.open(dataDir, first.origin);
  const alice = new ConvexHttpClient(first.origin, { skipConvexDeploymentUrlCheck: true });
  alice.setAuth(await auth.issue("alice"));
  await alice.mutation(api.users.ensureViewer, {});
  await alice.mutation(api.users.setMood, { mood: "hopeful" });
  const tsBefore = await queryTs(first.origin);
  await alice.mutation(api.users.setMood, { mood: "calm" });
  await killHard(first);

  const second = await spawnBackend(dataDir);
  children.push(second);
  const again = new ConvexHttpClient(second.origin, { skipConvexDeploymentUrlCheck: true });
  again.setAuth(await auth.issue("alice"));
  const me = (await again.query(api.users.me, {})) as Profile;
  expect(me?.mood).toBe("calm");
  expect(me?.moodJournal.map((e) => e.mood).slice(-2)).toEqual(["hopeful", "calm"]);
  expect(await queryTs(second.origin)).toBeGreaterThan(tsBefore);
  await killHard(second);
  expect(fs.existsSync(path.join(dataDir, "wal.jsonl"))).toBe(true);
}, 90_000);

test("bad configuration: a taken port or an unusable data directory is one line on stderr and exit 1", async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const port = (blocker.address() as net.AddressInfo).port;
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  try {
    const taken = await runCli({ PORT: String(port), WHISPERS_DATA_DIR: dataDir });
    expect(taken.code).toBe(1);
    expect(taken.stderr.trim().split("\n")).toEqual([`whispers: port ${port} on 127.0.0.1 is already in use (stop the other server or set PORT)`]);
  } finally {
    blocker.close();
  }
  const file = path.join(dataDir, "not-a-dir");
  fs.writeFileSync(file, "");
  const unusable = await runCli({ PORT: "0", WHISPERS_DATA_DIR: file });
  expect(unusable.code).toBe(1);
  expect(unusable.stderr.trim().split("\n")).toHaveLength(1);
  expect(unusable.stderr).toMatch(/^whispers: .*not-a-dir/);
}, 60_000);
