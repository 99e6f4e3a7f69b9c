// The demo data made on an empty data directory: every feature has something to show, made by the real functions.
import { anyApi } from "convex/server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_USERS } from "./seed/demoUsers";
import { httpClient, startTestBackend, type TestBackend } from "./testing/harness";

const api = anyApi;
let backend: TestBackend;
const log: string[] = [];

beforeAll(async () => {
  backend = await startTestBackend({ seed: true, log: (line) => log.push(line) });
});
afterAll(async () => {
  await backend?.cleanup();
});

type Change = { table: string; doc: Record<string, unknown> | null };
const pull = async (username: string) =>
  ((await (await httpClient(backend, username)).query(api.sync.pull, { cursor: "", limit: 500 })) as { changes: Change[] }).changes;

test("every step of the seed fits within Convex's transaction limits (none is reported incomplete)", () => {
  expect(log.filter((line) => line.includes("incomplete"))).toEqual([]);
  expect(log.some((line) => line.startsWith("local backend: demo data ready"))).toBe(true);
});

test("every demo account exists, is onboarded and has a mood journal; admin is the super admin", async () => {
  for (const user of DEMO_USERS) {
    const me = (await (await httpClient(backend, user.username)).query(api.users.me, {})) as {
      username: string;
      onboarded: boolean;
      moodJournal: { at: number }[];
    };
    expect(me).toMatchObject({ username: user.handle, onboarded: true });
    expect(me.moodJournal).toHaveLength(user.moods.length);
    // Spread over the past two weeks, 3.3 days apart.
    expect(Date.now() - me.moodJournal[0].at).toBeGreaterThan((user.moods.length - 1) * 3 * 24 * 60 * 60 * 1000);
  }
  expect(await (await httpClient(backend, "admin")).query(api.admin.myRole, {})).toBe("super_admin");
});

test("conversations have text, a picture, a voice clip, reactions and a chain; a whisper is scheduled", async () => {
  const whispers = (await pull("alice")).filter((c) => c.table === "whispers").map((c) => c.doc!);
  const picture = whispers.find((w) => typeof w.imageUrl === "string");
  const voice = whispers.find((w) => typeof w.audioUrl === "string");
  expect(picture).toBeDefined();
  expect(voice).toBeDefined();
  expect((await fetch(picture!.imageUrl as string)).headers.get("content-type")).toBe("image/png");
  expect((await fetch(voice!.audioUrl as string, { headers: { Range: "bytes=0-3" } })).status).toBe(206);
  expect(whispers.some((w) => Array.isArray(w.reactions) && w.reactions.length > 0)).toBe(true);
  expect(whispers.some((w) => w.parentId !== undefined)).toBe(true);
  const scheduled = (await (await httpClient(backend, "alice")).query(api.whispers.listScheduled, {})) as unknown[];
  expect(scheduled).toHaveLength(1);
});

test("chambers, skills with a match, a pending unmasking request and a pending admin request", async () => {
  const carolFeed = await pull("carol");
  expect(carolFeed.some((c) => c.table === "unmaskingRequests" && c.doc?.status === "pending")).toBe(true);
  expect(carolFeed.filter((c) => c.table === "echoChambers").map((c) => c.doc?.name)).toEqual(
    expect.arrayContaining(["Night Owls", "Poetry Circle"]),
  );
  const matches = (await (await httpClient(backend, "bob")).query(api.skills.myMatches, {})) as { status: string }[];
  expect(matches.map((m) => m.status)).toContain("accepted");
  const requests = (await (await httpClient(backend, "admin")).query(api.admin.listRequests, {})) as unknown[];
  expect(requests.length).toBeGreaterThan(0);
});
