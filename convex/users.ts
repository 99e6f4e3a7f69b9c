// People: the viewer's own account (first sign-in, onboarding, profile, mood journal), lookups and erasure (the data export: dataExports.ts).
import { v, type Infer } from "convex/values";
import { internalMutation, mutation, query } from "./_generated/server";
import { requireActive, requireIdentity, roleOf, userByIdentity } from "./lib/auth";
import { fail } from "./lib/errors";
import { publish } from "./lib/feed";
import { viewerMutation, viewerQuery } from "./lib/functions";
import { once } from "./lib/idempotency";
import { countSuperAdmins } from "./model/admin";
import { eraseUser, erasureInProgress } from "./model/erasure";
import { appendEntry, checkMood, checkNote, entryIndex } from "./model/moods";
import { clerkPatch, createUser, isUsernameTaken, profilePatch, usernameProblem } from "./model/profile";
import { patchUser, profileOf } from "./model/profiles";
import { ownProfile, ownProfileView, profileFor, publicProfileView, publishProfile } from "./model/users";
import { isBlockedBetween } from "./model/visibility";
import { moodEntry, themePreference } from "./schema";

const profileFields = {
  displayName: v.optional(v.string()),
  career: v.optional(v.string()),
  interests: v.optional(v.array(v.string())),
  lifePhase: v.optional(v.string()),
  firstName: v.optional(v.string()),
  lastName: v.optional(v.string()),
};

/** Creates the account on first sign-in (idempotent); refuses banned (BANNED) and erased (DELETED) accounts. */
export const ensureViewer = mutation({
  args: {},
  returns: ownProfileView,
  handler: async (ctx) => {
    const identity = await requireIdentity(ctx);
    const existing = await userByIdentity(ctx, identity);
    if (existing) return ownProfile(requireActive(existing));
    const user = await createUser(ctx, {
      clerkId: identity.subject,
      email: identity.email,
      firstName: identity.givenName,
      lastName: identity.familyName,
      // Whispers is anonymous: the real name never becomes the public name or username by default.
      usernameHint: identity.preferredUsername ?? identity.nickname,
    });
    return ownProfile(user);
  },
});

const meView = v.union(v.object({ ...ownProfileView.fields, erasing: v.optional(v.boolean()) }), v.null());

/** Also when banned or erased (`erasing` while its batches run); null when signed out or before ensureViewer. */
// eslint-disable-next-line @convex-dev/require-access-control -- answers only about the caller's own identity (null when signed out)
export const me = query({
  args: {},
  returns: meView,
  handler: async (ctx): Promise<Infer<typeof meView>> => {
    const identity = await ctx.auth.getUserIdentity();
    const user = identity ? await userByIdentity(ctx, identity) : null;
    if (!user) return null;
    return user.isDeleted ? { ...ownProfile(user), erasing: await erasureInProgress(ctx, user._id) } : ownProfile(user);
  },
});

/** Well-formed, not reserved, not someone else's (case-insensitive). */
export const isUsernameAvailable = viewerQuery({
  args: { username: v.string() },
  returns: v.object({ available: v.boolean(), reason: v.union(v.string(), v.null()) }),
  handler: async (ctx, { username }) => {
    const problem = usernameProblem(username.trim());
    if (problem) return { available: false, reason: problem };
    if (await isUsernameTaken(ctx, username.trim(), ctx.viewer._id)) {
      return { available: false, reason: "This username is already taken." };
    }
    return { available: true, reason: null };
  },
});

export const completeOnboarding = viewerMutation({
  args: { ...profileFields, username: v.string(), displayName: v.string() },
  returns: ownProfileView,
  handler: async (ctx, args) => {
    const patch = await profilePatch(ctx, ctx.viewer._id, args);
    const user = await patchUser(ctx, ctx.viewer._id, { ...patch, onboarded: true, updatedAt: Date.now() });
    await publishProfile(ctx, ctx.viewer._id);
    return ownProfile(user);
  },
});

/** Only the fields given change; an optional text field sent as "" is cleared. */
export const updateProfile = viewerMutation({
  args: { username: v.optional(v.string()), ...profileFields },
  returns: ownProfileView,
  handler: async (ctx, args) => {
    const patch = await profilePatch(ctx, ctx.viewer._id, args);
    if (Object.keys(patch).length === 0) return ownProfile(ctx.viewer);
    const user = await patchUser(ctx, ctx.viewer._id, { ...patch, updatedAt: Date.now() });
    await publishProfile(ctx, ctx.viewer._id);
    return ownProfile(user);
  },
});

/** Private: only the viewer's own feed hears about it. */
export const setThemePreference = viewerMutation({
  args: { themePreference },
  returns: v.null(),
  handler: async (ctx, args) => {
    await ctx.db.patch("users", ctx.viewer._id, { themePreference: args.themePreference, updatedAt: Date.now() });
    await publish(ctx, [ctx.viewer._id], "users", ctx.viewer._id);
    return null;
  },
});

/** Appends to the journal (the latest JOURNAL_MAX kept); exactly-once with a clientId. */
export const setMood = viewerMutation({
  args: { mood: v.string(), note: v.optional(v.string()), clientId: v.optional(v.string()) },
  returns: moodEntry,
  handler: async (ctx, args) =>
    await once(ctx, ctx.viewer._id, "users:setMood", args, async () => {
      const mood = checkMood(args.mood);
      const note = checkNote(args.note);
      const user = (await ctx.db.get("users", ctx.viewer._id))!;
      const { journal, entry } = appendEntry(user.moodJournal, { mood, ...(note ? { note } : {}), at: Date.now() });
      await patchUser(ctx, user._id, { mood, moodJournal: journal, updatedAt: Date.now() });
      await publishProfile(ctx, user._id);
      return entry;
    }),
});

/** `at` names the entry; no note clears it, and editing the latest entry changes the current mood. */
export const updateMoodEntry = viewerMutation({
  args: { at: v.number(), mood: v.string(), note: v.optional(v.string()) },
  returns: moodEntry,
  handler: async (ctx, args) => {
    const mood = checkMood(args.mood);
    const note = checkNote(args.note);
    const journal = [...ctx.viewer.moodJournal];
    const index = entryIndex(journal, args.at);
    journal[index] = { mood, ...(note ? { note } : {}), at: args.at };
    const latest = index === journal.length - 1;
    await patchUser(ctx, ctx.viewer._id, { moodJournal: journal, ...(latest ? { mood } : {}), updatedAt: Date.now() });
    if (latest) await publishProfile(ctx, ctx.viewer._id);
    else await publish(ctx, [ctx.viewer._id], "users", ctx.viewer._id);
    return journal[index];
  },
});

/** Deleting the latest entry makes the one before it the current mood. */
export const deleteMoodEntry = viewerMutation({
  args: { at: v.number() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const journal = [...ctx.viewer.moodJournal];
    const index = entryIndex(journal, args.at);
    const latest = index === journal.length - 1;
    journal.splice(index, 1);
    const mood = latest ? { mood: journal[journal.length - 1]?.mood } : {};
    await patchUser(ctx, ctx.viewer._id, { moodJournal: journal, ...mood, updatedAt: Date.now() });
    if (latest) await publishProfile(ctx, ctx.viewer._id);
    else await publish(ctx, [ctx.viewer._id], "users", ctx.viewer._id);
    return null;
  },
});

/** Null alike for unknown, not onboarded, erased, banned and blocked either way. */
export const findByUsername = viewerQuery({
  args: { username: v.string() },
  returns: v.union(publicProfileView, v.null()),
  handler: async (ctx, { username }) => {
    const user = await ctx.db
      .query("users")
      .withIndex("by_usernameLower", (q) => q.eq("usernameLower", username.trim().toLowerCase()))
      .unique();
    if (!user || user.isDeleted || user.isBanned || !user.onboarded) return null;
    if (user._id !== ctx.viewer._id && (await isBlockedBetween(ctx, ctx.viewer._id, user._id))) return null;
    return await profileFor(ctx, ctx.viewer._id, (await profileOf(ctx, user._id))!);
  },
});

/** GDPR erasure (model/erasure.ts eraseUser); the last super admin is refused. */
export const softDeleteUser = viewerMutation({
  args: {},
  returns: v.object({ erasing: v.boolean() }),
  handler: async (ctx) => {
    if ((await roleOf(ctx, ctx.viewer._id)) === "super_admin" && (await countSuperAdmins(ctx)) <= 1) {
      fail("CONFLICT", "You are the last super admin: make someone else super admin first.");
    }
    return { erasing: await eraseUser(ctx, ctx.viewer._id) };
  },
});

/** The Clerk username replaces the Whispers one only before onboarding; an erased account is never revived. */
export const upsertFromClerk = internalMutation({
  args: {
    clerkId: v.string(),
    email: v.optional(v.string()),
    firstName: v.optional(v.string()),
    lastName: v.optional(v.string()),
    username: v.optional(v.string()),
  },
  returns: v.union(v.id("users"), v.null()),
  handler: async (ctx, args) => {
    const existing = await ctx.db
      .query("users")
      .withIndex("by_clerkId", (q) => q.eq("clerkId", args.clerkId))
      .unique();
    if (!existing) return (await createUser(ctx, { ...args, usernameHint: args.username }))._id;
    if (existing.isDeleted) return null;
    const patch = await clerkPatch(ctx, existing, args);
    await patchUser(ctx, existing._id, { ...patch, updatedAt: Date.now() });
    await publishProfile(ctx, existing._id);
    return existing._id;
  },
});
