// Uploads through generateUploadUrl, storage URLs in results, and ranged downloads with the right Content-Type.
import { anyApi } from "convex/server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { httpClient, startTestBackend, type TestBackend } from "./testing/harness";

const api = anyApi;
let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => {
  await backend?.cleanup();
});

const clip = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);

async function upload(url: string, type: string, bytes: Uint8Array): Promise<string> {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": type }, body: bytes as BodyInit });
  expect(response.status).toBe(200);
  return ((await response.json()) as { storageId: string }).storageId;
}

test("an upload URL points here; the uploaded file keeps its type and serves byte ranges", async () => {
  const alice = await httpClient(backend, "alice");
  await alice.mutation(api.users.ensureViewer, {});
  const url = (await alice.mutation(api.files.generateVoiceUploadUrl, {})) as string;
  expect(url.startsWith(`${backend.origin}/api/storage/upload?token=`)).toBe(true);
  const storageId = await upload(url, "audio/webm", clip);

  const full = await fetch(`${backend.origin}/api/storage/${storageId}`);
  expect(full.status).toBe(200);
  expect(full.headers.get("content-type")).toBe("audio/webm");
  expect(full.headers.get("accept-ranges")).toBe("bytes");
  expect(new Uint8Array(await full.arrayBuffer())).toEqual(clip);

  const part = await fetch(`${backend.origin}/api/storage/${storageId}`, { headers: { Range: "bytes=100-199" } });
  expect(part.status).toBe(206);
  expect(part.headers.get("content-range")).toBe("bytes 100-199/1000");
  expect(part.headers.get("content-length")).toBe("100");
  expect(new Uint8Array(await part.arrayBuffer())).toEqual(clip.slice(100, 200));

  const tail = await fetch(`${backend.origin}/api/storage/${storageId}`, { headers: { Range: "bytes=-10" } });
  expect(tail.status).toBe(206);
  expect(new Uint8Array(await tail.arrayBuffer())).toEqual(clip.slice(990));

  const beyond = await fetch(`${backend.origin}/api/storage/${storageId}`, { headers: { Range: "bytes=5000-" } });
  expect(beyond.status).toBe(416);
  expect(beyond.headers.get("content-range")).toBe("bytes */1000");

  expect((await fetch(`${backend.origin}/api/storage/upload?token=forged`, { method: "POST", body: clip })).status).toBe(401);
  expect((await fetch(`${backend.origin}/api/storage/999_storage`)).status).toBe(404);
});

test("storage URLs inside query results point at this server (voice whisper audioUrl)", async () => {
  const alice = await httpClient(backend, "alice");
  const bob = await httpClient(backend, "bob");
  await alice.mutation(api.users.ensureViewer, {});
  const bobProfile = (await bob.mutation(api.users.ensureViewer, {})) as { _id: string };
  const url = (await alice.mutation(api.files.generateVoiceUploadUrl, {})) as string;
  const storageId = await upload(url, "audio/webm", clip);
  await alice.mutation(api.whispers.sendVoiceWhisper, {
    clientId: "voice-clip-0001",
    recipientId: bobProfile._id,
    audioStorageId: storageId,
    audioDuration: 3,
    isVoiceModulated: true,
  });
  const page = (await bob.query(api.sync.pull, { cursor: 0 })) as { changes: { table: string; doc: { audioUrl?: string } | null }[] };
  const whisper = page.changes.find((c) => c.table === "whispers" && c.doc?.audioUrl);
  expect(whisper?.doc?.audioUrl).toBe(`${backend.origin}/api/storage/${storageId}`);
  const audio = await fetch(whisper!.doc!.audioUrl!, { headers: { Range: "bytes=0-9" } });
  expect(audio.status).toBe(206);
  expect(audio.headers.get("content-type")).toBe("audio/webm");
});
