// Own-profile actions: mood and mood journal, profile fields, onboarding and theme; all queued, shown at once.
import { getFunctionName } from "convex/server";
import { api } from "../../convex/_generated/api";
import type { WhispersDB } from "../db/database";
import { discardEntry } from "../db/outboxResults";
import { getMe } from "../db/repos/usersRepo";
import { getEntry } from "../db/repos/outboxRepo";
import { applyPatch } from "../db/rowSync";
import type { LocalMe, PendingMoodOp } from "../db/types";
import { runAction, type ActionTx, type Queued } from "./run";
import { compact } from "./whisperTarget";

export type ProfileFields = {
  username?: string;
  displayName?: string;
  career?: string;
  interests?: string[];
  lifePhase?: string;
  firstName?: string;
  lastName?: string;
};

/** Writes `patch` (and a pending journal change) on the own profile row if this device has it. */
async function patchMe(tx: ActionTx, patch: Partial<LocalMe>, mood?: PendingMoodOp): Promise<string | undefined> {
  const me = await getMe(tx.db);
  if (!me) return undefined;
  const next = applyPatch(me, tx.opId, patch);
  if (mood) next.pendingMoods = [...(me.pendingMoods ?? []), mood];
  await tx.db.me.put(next);
  return me.id;
}

function queueProfileChange(kind: string, udfPath: string, args: Record<string, unknown>, patch: Partial<LocalMe>, db?: WhispersDB) {
  return runAction(async (tx) => {
    const meId = await patchMe(tx, patch);
    await tx.enqueue({ kind, udfPath, args: compact(args), target: meId ? { table: "me", id: meId } : undefined });
    return { entryId: tx.opId };
  }, db);
}

/** Sets today's mood with an optional note (appended to the journal). Offline-safe. */
export function setMood(mood: string, note?: string, db?: WhispersDB): Promise<Queued> {
  return runAction(async (tx) => {
    const entry = compact({ mood, note, at: Date.now() });
    const meId = await patchMe(tx, { mood }, { opId: tx.opId, kind: "add", entry });
    await tx.enqueue({
      kind: "setMood",
      udfPath: getFunctionName(api.users.setMood),
      clientId: tx.opId,
      args: compact({ mood, note, clientId: tx.opId }),
      target: meId ? { table: "me", id: meId } : undefined,
    });
    return { entryId: tx.opId };
  }, db);
}

/** The unsent setMood whose local entry has time `at`, if any (its args can still change). */
async function unsentMoodAdd(tx: ActionTx, at: number) {
  const me = await getMe(tx.db);
  const add = me?.pendingMoods?.find((p) => p.kind === "add" && p.entry.at === at);
  const entry = add ? await getEntry(tx.db, add.opId) : undefined;
  return me && add && entry && entry.state !== "inflight" ? { me, add, entry } : undefined;
}

/** Edits a journal entry; an entry not sent yet is edited in place in the outbox. */
export function updateMoodEntry(at: number, mood: string, note?: string, db?: WhispersDB): Promise<Queued> {
  return runAction(async (tx) => {
    const unsent = await unsentMoodAdd(tx, at);
    if (unsent) {
      const { me, add, entry } = unsent;
      await tx.db.outbox.update(entry.seq!, { args: compact({ ...entry.args, mood, note }) });
      const pendingMoods = me.pendingMoods!.map((p) => (p === add ? { ...add, entry: compact({ at, mood, note }) } : p));
      await tx.db.me.put({ ...me, pendingMoods });
      return { entryId: entry.id };
    }
    const meId = await patchMe(tx, {}, compact({ opId: tx.opId, kind: "update" as const, at, mood, note }));
    await tx.enqueue({
      kind: "updateMoodEntry",
      udfPath: getFunctionName(api.users.updateMoodEntry),
      args: compact({ at, mood, note }),
      target: meId ? { table: "me", id: meId } : undefined,
    });
    return { entryId: tx.opId };
  }, db);
}

/** Deletes a journal entry; one not sent yet is withdrawn from the outbox (returns null). */
export function deleteMoodEntry(at: number, db?: WhispersDB): Promise<Queued | null> {
  return runAction(async (tx) => {
    const unsent = await unsentMoodAdd(tx, at);
    if (unsent) {
      await discardEntry(tx.db, unsent.entry.id);
      return null;
    }
    const meId = await patchMe(tx, {}, { opId: tx.opId, kind: "delete", at });
    await tx.enqueue({
      kind: "deleteMoodEntry",
      udfPath: getFunctionName(api.users.deleteMoodEntry),
      args: { at },
      target: meId ? { table: "me", id: meId } : undefined,
    });
    return { entryId: tx.opId };
  }, db);
}

/** Updates profile fields (shown at once; a taken username comes back as a failed change). */
export function updateProfile(fields: ProfileFields, db?: WhispersDB): Promise<Queued> {
  return queueProfileChange("updateProfile", getFunctionName(api.users.updateProfile), fields, compact(fields), db);
}

/** Finishes onboarding with the chosen username and profile. */
export function completeOnboarding(fields: ProfileFields & { username: string; displayName: string }, db?: WhispersDB): Promise<Queued> {
  return queueProfileChange("completeOnboarding", getFunctionName(api.users.completeOnboarding), fields, { ...compact(fields), onboarded: true }, db);
}

/** Stores the theme preference (applied by the UI at once, synced to other devices). */
export function setThemePreference(themePreference: LocalMe["themePreference"], db?: WhispersDB): Promise<Queued> {
  return queueProfileChange("setThemePreference", getFunctionName(api.users.setThemePreference), { themePreference }, { themePreference }, db);
}
