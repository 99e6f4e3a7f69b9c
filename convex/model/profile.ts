// Profile writes: username uniqueness, validated profile patches, account creation and Clerk updates (the rules: profileRules.ts).
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { bumpCounter } from "../lib/counters";
import { checkText, fail } from "../lib/errors";
import { publish } from "../lib/feed";
import {
  CAREER_MAX,
  DISPLAY_NAME_MAX,
  INTEREST_MAX,
  INTERESTS_MAX,
  LIFE_PHASE_MAX,
  NAME_MAX,
  USERNAME_MAX,
  USERNAME_MIN,
  usernameProblem,
} from "./profileRules";
import { writeProfile } from "./profiles";

export * from "./profileRules";

export function checkUsername(username: string): string {
  const trimmed = username.trim();
  const problem = usernameProblem(trimmed);
  if (problem) fail("INVALID", problem);
  return trimmed;
}

/** Case-insensitive; `self` holding it doesn't count. */
export async function isUsernameTaken(ctx: QueryCtx, username: string, self?: Id<"users">): Promise<boolean> {
  const holders = await ctx.db
    .query("users")
    .withIndex("by_usernameLower", (q) => q.eq("usernameLower", username.toLowerCase()))
    .take(2);
  return holders.some((user) => user._id !== self);
}

export async function requireFreeUsername(ctx: QueryCtx, username: string, self?: Id<"users">): Promise<string> {
  const checked = checkUsername(username);
  if (await isUsernameTaken(ctx, checked, self)) fail("CONFLICT", "This username is already taken.");
  return checked;
}

/** Derived from `hint`, with a numeric suffix when taken or reserved. */
export async function provisionalUsername(ctx: QueryCtx, hint: string): Promise<string> {
  // An email-shaped hint keeps only its local part: a domain never becomes a public username.
  const local = hint.includes("@") ? hint.slice(0, hint.indexOf("@")) : hint;
  let base = local
    .normalize("NFKD")
    .replace(/\s+/g, "_")
    .replace(/[^A-Za-z0-9_.]/g, "")
    .toLowerCase()
    .slice(0, USERNAME_MAX - 6);
  if (base.length < USERNAME_MIN) base = "whisperer";
  const candidates = [base, ...Array.from({ length: 20 }, (_, i) => `${base}${i + 2}`)];
  for (const candidate of candidates) {
    if (usernameProblem(candidate) === null && !(await isUsernameTaken(ctx, candidate))) return candidate;
  }
  for (;;) {
    const candidate = `${base}${Math.floor(100000 + Math.random() * 900000)}`;
    if (!(await isUsernameTaken(ctx, candidate))) return candidate;
  }
}

/** Empty means "not set" (undefined). */
export function optionalText(value: string | undefined, field: string, max: number): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  return text === "" ? undefined : checkText(text, field, { max });
}

/** Duplicates are dropped case-insensitively. */
export function checkInterests(interests: string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of interests) {
    const interest = raw.trim();
    if (interest === "") continue;
    if (interest.length > INTEREST_MAX) fail("INVALID", `Each interest can be at most ${INTEREST_MAX} characters.`);
    if (seen.has(interest.toLowerCase())) continue;
    seen.add(interest.toLowerCase());
    result.push(interest);
  }
  if (result.length > INTERESTS_MAX) fail("INVALID", `At most ${INTERESTS_MAX} interests.`);
  return result;
}

export type ProfileInput = {
  username?: string;
  displayName?: string;
  career?: string;
  interests?: string[];
  lifePhase?: string;
  firstName?: string;
  lastName?: string;
};

export type ProfilePatch = {
  username?: string;
  usernameLower?: string;
  displayName?: string;
  career?: string;
  interests?: string[];
  lifePhase?: string;
  firstName?: string;
  lastName?: string;
};

/** A field left out stays; an optional text field sent as "" is cleared. */
export async function profilePatch(ctx: QueryCtx, userId: Id<"users">, input: ProfileInput): Promise<ProfilePatch> {
  const patch: ProfilePatch = {};
  if (input.username !== undefined) {
    patch.username = await requireFreeUsername(ctx, input.username, userId);
    patch.usernameLower = patch.username.toLowerCase();
  }
  if (input.displayName !== undefined) {
    patch.displayName = checkText(input.displayName, "Display name", { max: DISPLAY_NAME_MAX });
  }
  if (input.career !== undefined) patch.career = optionalText(input.career, "Career", CAREER_MAX);
  if (input.lifePhase !== undefined) patch.lifePhase = optionalText(input.lifePhase, "Life phase", LIFE_PHASE_MAX);
  if (input.firstName !== undefined) patch.firstName = optionalText(input.firstName, "First name", NAME_MAX);
  if (input.lastName !== undefined) patch.lastName = optionalText(input.lastName, "Last name", NAME_MAX);
  if (input.interests !== undefined) patch.interests = checkInterests(input.interests);
  return patch;
}

export type NewUser = {
  clerkId: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  displayName?: string;
  /** A wished-for username (e.g. from Clerk): used when well-formed and free, else derived. */
  username?: string;
  /** What a provisional username is derived from (a chosen nickname; never the real name or email). */
  usernameHint?: string;
};

const clip = (text: string | undefined, max: number) => {
  const trimmed = text?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
};

/** Not onboarded yet; counted in "users", with its profiles row. */
export async function createUser(ctx: MutationCtx, input: NewUser): Promise<Doc<"users">> {
  const wished = input.username?.trim();
  const username =
    wished && usernameProblem(wished) === null && !(await isUsernameTaken(ctx, wished))
      ? wished
      : await provisionalUsername(ctx, input.usernameHint ?? "");
  const firstName = clip(input.firstName, NAME_MAX);
  const lastName = clip(input.lastName, NAME_MAX);
  const displayName = clip(input.displayName, DISPLAY_NAME_MAX) ?? username;
  const userId = await ctx.db.insert("users", {
    clerkId: input.clerkId,
    username,
    usernameLower: username.toLowerCase(),
    email: input.email?.trim() ?? "",
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    displayName,
    interests: [],
    moodJournal: [],
    themePreference: "system",
    isDeleted: false,
    onboarded: false,
    updatedAt: Date.now(),
  });
  const user = (await ctx.db.get("users", userId))!;
  await writeProfile(ctx, user);
  await bumpCounter(ctx, "users", 1);
  await publish(ctx, [userId], "users", userId);
  return user;
}

/** The username only before onboarding: afterwards it is the person's Whispers choice. */
export async function clerkPatch(
  ctx: QueryCtx,
  user: Doc<"users">,
  input: { email?: string; firstName?: string; lastName?: string; username?: string },
): Promise<ProfilePatch & { email?: string }> {
  const patch: ProfilePatch & { email?: string } = {};
  if (input.email !== undefined) patch.email = input.email.trim();
  if (input.firstName !== undefined) patch.firstName = clip(input.firstName, NAME_MAX);
  if (input.lastName !== undefined) patch.lastName = clip(input.lastName, NAME_MAX);
  const wished = input.username?.trim();
  if (!user.onboarded && wished && usernameProblem(wished) === null && !(await isUsernameTaken(ctx, wished, user._id))) {
    patch.username = wished;
    patch.usernameLower = wished.toLowerCase();
  }
  return patch;
}
