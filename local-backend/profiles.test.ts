// Every person has a profiles row in the local backend: the demo data is made with them, older data gets them at the next start.
import { expect, test } from "vitest";
import { startTestBackend, tempDataDir, type TestBackend } from "./testing/harness";

const usersAndProfiles = (backend: TestBackend) =>
  backend.engine.transact(async (_db, ctx) => ({
    users: (await ctx.db.query("users").collect()).map((user) => user._id).sort(),
    profiles: (await ctx.db.query("profiles").collect()).map((row) => row.userId).sort(),
  }));

test("the demo data has every person's row", async () => {
  const backend = await startTestBackend({ seed: true });
  try {
    const { users, profiles } = await usersAndProfiles(backend);
    expect(users.length).toBeGreaterThan(5);
    expect(profiles).toEqual(users);
  } finally {
    await backend.cleanup();
  }
});

test("a restart on older data writes the missing profiles rows in the background", async () => {
  const dataDir = tempDataDir();
  const first = await startTestBackend({ dataDir });
  const ids = await first.engine.transact(async (_db, ctx) => {
    const out: string[] = [];
    // More than one batch (convex/profiles.ts BACKFILL_BATCH), as the users documents of an older version.
    for (let i = 0; i < 150; i++) {
      const username = `old${i}`;
      out.push(
        await ctx.db.insert("users", {
          clerkId: `user_${username}`,
          username,
          usernameLower: username,
          email: `${username}@example.test`,
          displayName: `Old ${i}`,
          interests: ["Chess"],
          mood: "calm",
          moodJournal: [{ mood: "calm", at: 1 }],
          themePreference: "system",
          isDeleted: false,
          onboarded: true,
          updatedAt: 1,
        }),
      );
    }
    return out;
  });
  const rows = (backend: TestBackend) => backend.engine.transact(async (_db, ctx) => await ctx.db.query("profiles").collect());
  expect(await rows(first)).toEqual([]);
  await first.close();

  const second = await startTestBackend({ dataDir });
  try {
    const deadline = Date.now() + 10_000;
    while ((await rows(second)).length < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const written = await rows(second);
    expect(written.map((row) => row.userId).sort()).toEqual([...ids].sort());
    expect(written.every((row) => row.matchable && row.mood === "calm")).toBe(true);
  } finally {
    await second.cleanup();
  }
});
