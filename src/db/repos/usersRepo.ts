// The signed-in person's own profile (with the mood journal) and the public profiles of counterparts.
import type { OwnProfile, PublicProfile } from "../../../convex/model/users";
import type { WhispersDB } from "../database";
import { mergeServerRow } from "../rowSync";
import { isOwnUserDoc, toLocalMe, toLocalProfile, type ServerDoc } from "../shapes";
import type { LocalMe, MoodEntry } from "../types";
import { getViewerId, setViewerId } from "./metaRepo";

/** The own one goes to `me` (pending patches and journal changes stay on top until acked), others to `profiles`. */
export async function applyServerUsers(db: WhispersDB, docs: ServerDoc<"users">[]): Promise<void> {
  if (docs.length === 0) return;
  const own = docs.filter(isOwnUserDoc);
  const others = docs.filter((d): d is PublicProfile => !isOwnUserDoc(d));
  for (const doc of own) {
    const existing = await db.me.get(doc._id);
    const next = mergeServerRow(existing, toLocalMe(doc));
    const pendingMoods = existing?.pendingMoods?.filter((p) => existing.ops?.includes(p.opId));
    if (pendingMoods && pendingMoods.length > 0) next.pendingMoods = pendingMoods;
    else delete next.pendingMoods;
    await db.me.put(next);
    if ((await getViewerId(db)) !== doc._id) await setViewerId(db, doc._id);
  }
  if (others.length === 0) return;
  const existing = await db.profiles.bulkGet(others.map((d) => d._id));
  await db.profiles.bulkPut(others.map((d, i) => mergeServerRow(existing[i], toLocalProfile(d))));
}

/** Stores the own profile returned by users:ensureViewer / users:me (online only). */
export async function putOwnProfile(db: WhispersDB, doc: OwnProfile): Promise<void> {
  await applyServerUsers(db, [doc]);
}

/** The signed-in person's row (there is at most one). */
export async function getMe(db: WhispersDB): Promise<LocalMe | undefined> {
  return db.me.toCollection().first();
}

/** The journal as the person sees it: the server's entries with queued changes applied, newest first. */
export function effectiveJournal(me: Pick<LocalMe, "moodJournal" | "pendingMoods">): Array<MoodEntry & { pending?: boolean }> {
  let entries: Array<MoodEntry & { pending?: boolean }> = [...me.moodJournal];
  for (const op of me.pendingMoods ?? []) {
    if (op.kind === "add") entries.push({ ...op.entry, pending: true });
    else if (op.kind === "update") {
      entries = entries.map((e) => (e.at === op.at ? { at: e.at, mood: op.mood, note: op.note, pending: true } : e));
    } else entries = entries.filter((e) => e.at !== op.at);
  }
  return entries.sort((a, b) => b.at - a.at);
}
