// Fixtures for the convex-test suites in convex/tests/: the module map and ready-made people.
/// <reference types="vite/client" />
import { convexTest } from "convex-test";
import { ConvexError } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { writeProfile } from "../model/profiles";
import schema from "../schema";

/** Every module under convex/ but the suites and .d.ts files, keyed from convex/ ("./whispers.ts", "./_generated/api.js"). */
export const modules = Object.fromEntries(
  Object.entries(import.meta.glob(["../**/*.ts", "../**/*.js", "!../**/*.test.ts", "!../**/*.d.ts"])).map(([file, load]) => [
    file.replace(/^\.\.\//, "./"),
    load,
  ]),
);

export type TestConvex = ReturnType<typeof newTest>;

/**
 * A fresh in-memory backend with this project's schema and functions, enforcing Convex's
 * transaction limits (reads, scans, index ranges, writes, array and value sizes) as production does.
 */
export function newTest() {
  return convexTest({ schema, modules, transactionLimits: true });
}

export type Person = {
  id: Id<"users">;
  clerkId: string;
  username: string;
  /** The backend as this person, signed in. */
  as: ReturnType<TestConvex["withIdentity"]>;
};

type PersonOptions = {
  firstName?: string;
  lastName?: string;
  mood?: string;
  career?: string;
  lifePhase?: string;
  interests?: string[];
  role?: "admin" | "super_admin";
  banned?: boolean;
  /** False: an account that signed in but has not finished onboarding (social actions refuse it). */
  onboarded?: boolean;
};

/** Inserts a person (onboarded unless `onboarded: false`) with their profiles row and returns them with a signed-in handle. */
export async function person(t: TestConvex, username: string, options: PersonOptions = {}): Promise<Person> {
  const clerkId = `user_${username}`;
  const now = Date.now();
  const id = await t.run(async (ctx) => {
    const userId = await ctx.db.insert("users", {
      clerkId,
      username,
      usernameLower: username.toLowerCase(),
      email: `${username}@example.test`,
      firstName: options.firstName ?? username[0].toUpperCase() + username.slice(1),
      lastName: options.lastName ?? "Example",
      displayName: username[0].toUpperCase() + username.slice(1),
      career: options.career,
      interests: options.interests ?? [],
      mood: options.mood,
      lifePhase: options.lifePhase,
      moodJournal: options.mood ? [{ mood: options.mood, at: now }] : [],
      themePreference: "system",
      isDeleted: false,
      isBanned: options.banned ?? false,
      onboarded: options.onboarded ?? true,
      updatedAt: now,
    });
    await writeProfile(ctx, (await ctx.db.get("users", userId))!);
    if (options.role) await ctx.db.insert("adminRoles", { userId, role: options.role, updatedAt: now });
    return userId;
  });
  return signedIn(t, id, username);
}

/** The signed-in handle of the account `username` (id `id`): the identity person() gives. */
export function signedIn(t: TestConvex, id: Id<"users">, username: string): Person {
  const clerkId = `user_${username}`;
  const as = t.withIdentity({
    subject: clerkId,
    issuer: "https://test.whispers.local",
    tokenIdentifier: `https://test.whispers.local|${clerkId}`,
    name: username,
    email: `${username}@example.test`,
  });
  return { id, clerkId, username, as };
}

/** The ConvexError code a call fails with, or "OK" when it succeeds (other errors are rethrown). */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ConvexError) return (error.data as { code: string }).code;
    throw error;
  }
  return "OK";
}

/**
 * Waits until every scheduled function that is due has run (those scheduled for later are left):
 * convex-test's finishAllScheduledFunctions gives up after a few idle turns, which on a busy
 * machine can come before a due function's timer fires.
 */
export async function scheduledDone(t: TestConvex, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await t.finishAllScheduledFunctions(() => {});
    const waiting = await t.run(async (ctx) =>
      (await ctx.db.system.query("_scheduled_functions").collect()).filter(
        (job) => (job.state.kind === "pending" || job.state.kind === "inProgress") && job.scheduledTime <= Date.now(),
      ).length,
    );
    if (waiting === 0) return;
    if (Date.now() > until) throw new Error(`${waiting} due scheduled functions still waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
