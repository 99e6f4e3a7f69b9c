// Demo data on first start, made through the real public functions as each demo user.
import type { DevAuth } from "../auth/devAuth";
import type { Engine } from "../engine/engine";
import type { StoredDoc } from "../engine/internals";
import type { BlobStore } from "../storage/blobStore";
import { DEMO_USERS } from "./demoUsers";
import { demoPng, demoWav } from "./media";
import { Seeder } from "./seeder";
import { seedChambers, seedSkillsAndRoles } from "./community";

const REQUIRED = ["users", "whispers", "conversations", "echoChambers", "skills", "unmasking", "admin", "friends", "files"];
const DAY = 24 * 60 * 60 * 1000;

type Sent = { whisperId: string; conversationId: string };

/** Skips (with a note) when a needed module is missing. */
export async function seedDemoData(engine: Engine, auth: DevAuth, blobs: BlobStore, log: (line: string) => void): Promise<void> {
  const missing = REQUIRED.filter((m) => !engine.functions.hasModule(m));
  if (missing.length > 0) {
    log(`local backend: demo data skipped, convex/${missing.join(".ts, convex/")}.ts missing`);
    return;
  }
  const s = new Seeder(engine, auth, blobs);
  const started = Date.now();
  const ids = await seedPeople(s);
  const steps: [string, () => Promise<void>][] = [
    ["friends", () => seedFriends(s, ids)],
    ["whispers", () => seedWhispers(s, ids)],
    ["echo chambers", () => seedChambers(s)],
    ["skills and roles", () => seedSkillsAndRoles(s)],
    ["mood journals", () => backdateJournals(engine, ids)],
  ];
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (error) {
      log(`local backend: demo data: ${name} incomplete: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  log(`local backend: demo data ready in ${Date.now() - started} ms (sign in as ${DEMO_USERS.map((u) => u.username).join(", ")})`);
}

async function seedPeople(s: Seeder): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const user of DEMO_USERS) {
    const profile = await s.mutation<{ _id: string }>(user.username, "users:ensureViewer");
    ids[user.username] = profile._id;
    await s.mutation(user.username, "users:completeOnboarding", {
      username: user.handle,
      displayName: user.displayName,
      firstName: user.firstName,
      lastName: user.lastName,
      career: user.career,
      interests: user.interests,
      lifePhase: user.lifePhase,
    });
    for (const entry of user.moods) {
      await s.mutation(user.username, "users:setMood", { mood: entry.mood, ...(entry.note ? { note: entry.note } : {}) });
      await new Promise((resolve) => setTimeout(resolve, 2)); // journal entries are keyed by time
    }
  }
  const admin = DEMO_USERS.find((u) => u.role === "super_admin");
  if (admin) await s.internal("admin:bootstrapSuperAdmin", { username: admin.handle });
  return ids;
}

async function seedFriends(s: Seeder, ids: Record<string, string>): Promise<void> {
  for (const [from, to] of [["alice", "bob"], ["carol", "erin"], ["bob", "erin"]]) {
    await s.mutation(from, "friends:request", { userId: ids[to] });
    await s.mutation(to, "friends:accept", { userId: ids[from] });
  }
  await s.mutation("dave", "friends:request", { userId: ids.alice }); // waiting for Alice
}

async function seedWhispers(s: Seeder, ids: Record<string, string>): Promise<void> {
  const send = (from: string, args: Record<string, unknown>) =>
    s.mutation<Sent>(from, "whispers:sendWhisper", { clientId: s.clientId("w"), ...args } as never);
  // Alice and Bob: a chain of replies, reactions, a picture and a voice whisper.
  // Whoever answers has read what they answer (as opening the conversation in the app would).
  const read = (who: string, conversationId: string) => s.mutation(who, "whispers:markRead", { conversationId });
  const first = await send("alice", { recipientId: ids.bob, content: "Hey Bob, rough week? You seemed quiet at lunch." });
  await read("bob", first.conversationId);
  const reply = await s.mutation<Sent>("bob", "whispers:replyToWhisper", {
    clientId: s.clientId("r"),
    parentId: first.whisperId,
    content: "A bit. The release ate me alive, but it shipped!",
  });
  await read("alice", first.conversationId);
  const again = await s.mutation<Sent>("alice", "whispers:replyToWhisper", {
    clientId: s.clientId("r"),
    parentId: reply.whisperId,
    content: "Proud of you. Celebrate with a hike this weekend?",
  });
  await read("bob", first.conversationId);
  await s.mutation("bob", "whispers:replyToWhisper", { clientId: s.clientId("r"), parentId: again.whisperId, content: "Deal. Sunrise trail?" });
  await s.mutation("bob", "whispers:toggleReaction", { whisperId: first.whisperId, emoji: "❤️" });
  await s.mutation("alice", "whispers:toggleReaction", { whisperId: reply.whisperId, emoji: "🎉" });
  const picture = await s.upload("alice", "image", demoPng());
  await send("alice", { recipientId: ids.bob, content: "The view from my balcony tonight", imageStorageId: picture });
  const clip = await s.upload("bob", "voice", demoWav(2));
  await s.mutation("bob", "whispers:sendVoiceWhisper", {
    clientId: s.clientId("v"),
    recipientId: ids.alice,
    audioStorageId: clip,
    audioDuration: 2,
    isVoiceModulated: true,
    content: "Hummed you the riff I was talking about",
  });
  await read("alice", first.conversationId);

  // Alice and Carol, plus a whisper Alice scheduled for Carol's birthday.
  const toCarol = await send("alice", { recipientId: ids.carol, content: "Thinking of you on all those night shifts. Coffee soon?" });
  await read("carol", toCarol.conversationId);
  await send("carol", { conversationId: toCarol.conversationId, content: "Yes please. Thursday morning after my shift?" });
  await s.mutation("alice", "whispers:scheduleWhisper", {
    clientId: s.clientId("s"),
    recipientId: ids.carol,
    content: "Happy birthday, Carol! 🎂",
    scheduledFor: Date.now() + 2 * DAY,
  });

  // Carol's mystery whisper to Dave; Dave answered and asked who it is.
  const mystery = await send("carol", {
    recipientId: ids.dave,
    isMystery: true,
    content: "You don't know me well, but your photos in the hallway made my week.",
  });
  await read("dave", mystery.conversationId);
  await send("dave", { conversationId: mystery.conversationId, content: "Wow, thank you! Who is this?" });
  await s.mutation("dave", "unmasking:request", { conversationId: mystery.conversationId });

  // Erin and Dave.
  await send("erin", { recipientId: ids.dave, content: "Good luck with the exams, you've got this." });
}

/** The journals were written in one go; spread them over the last two weeks so the history looks lived in. */
async function backdateJournals(engine: Engine, ids: Record<string, string>): Promise<void> {
  const now = Date.now();
  await engine.transact(async (db) => {
    for (const id of Object.values(ids)) {
      const user = db.get("users", id) as (StoredDoc & { moodJournal: { at: number }[] }) | null;
      if (!user || user.moodJournal.length === 0) continue;
      const n = user.moodJournal.length;
      const moodJournal = user.moodJournal.map((entry, i) => ({ ...entry, at: Math.round(now - (n - 1 - i) * 3.3 * DAY - 3_600_000) }));
      (db as unknown as { patch(table: string, id: string, value: object): void }).patch("users", id, { moodJournal });
    }
  });
}
