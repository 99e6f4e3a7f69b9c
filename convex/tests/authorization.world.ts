// The authorization matrix's fixtures: the cast of callers, matrix rows, outcome checks and whole-database dumps.
import type { FunctionArgs, FunctionReference } from "convex/server";
import { getFunctionName } from "convex/server";
import { ConvexError } from "convex/values";
import { api } from "../_generated/api";
import type { TableNames } from "../_generated/dataModel";
import type { ErrorCode } from "../lib/errors";
import { eraseUser } from "../model/erasure";
import schema from "../schema";
import { newTest, person, type Person, type TestConvex } from "./test.setup";

/**
 * Who calls. `owner` is the positive control (the person the resource belongs to, so the row's
 * arguments are known to be valid); the others are third parties: nobody signed in, an unrelated
 * person, one who signed in but never finished onboarding (a newcomer), someone the owner
 * blocked, a banned and an erased account, an admin and a super admin.
 */
export const ROLES = ["owner", "anonymous", "unrelated", "newcomer", "blocked", "banned", "erased", "admin", "superAdmin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a call must do. An error code: reject with ConvexError({code}) and write nothing.
 * "OK": resolve. "SOME": resolve with a non-empty value. "NONE": resolve with null or an empty
 * list/page (the caller may ask but sees nothing). "NOOP": resolve and change nothing but the
 * caller's own "active today" bookkeeping.
 */
export type Outcome = "OK" | "SOME" | "NONE" | "NOOP" | ErrorCode;
export type Expectation = Record<Role, Outcome>;
/** A row's outcomes as written: left out, the newcomer's follows from SOCIAL. */
type RowExpectation = Omit<Expectation, "newcomer"> & Partial<Pick<Expectation, "newcomer">>;

/**
 * The social functions (lib/auth.ts requireOnboarded): a newcomer calling them is refused with
 * ONBOARDING_REQUIRED; any other function answers a newcomer as it answers the unrelated person.
 */
const SOCIAL = new Set([
  "whispers:sendWhisper",
  "whispers:sendVoiceWhisper",
  "whispers:scheduleWhisper",
  "whispers:replyToWhisper",
  "whispers:toggleReaction",
  "whispers:editWhisper",
  "friends:request",
  "friends:accept",
  "unmasking:request",
  "unmasking:accept",
  "echoChambers:create",
  "echoChambers:join",
  "echoChambers:joinByCode",
  "echoChambers:post",
  "skills:add",
  "skills:proposeMatch",
  "skills:acceptMatch",
  "skills:suggestedMatches",
  "moods:findMoodMatch",
]);

/** A signed-in-only function: anonymous, banned and erased callers are refused before anything else. */
export function viewer(others: Outcome, overrides: Partial<Expectation> = {}): RowExpectation {
  return {
    owner: others,
    anonymous: "UNAUTHENTICATED",
    unrelated: others,
    blocked: others,
    banned: "BANNED",
    erased: "DELETED",
    admin: others,
    superAdmin: others,
    ...overrides,
  };
}

/** Everyone, signed in or not, banned or not. */
export function everyone(outcome: Outcome, overrides: Partial<Expectation> = {}): RowExpectation {
  const roles = ROLES.filter((role) => role !== "newcomer");
  return { ...Object.fromEntries(roles.map((role) => [role, outcome])), ...overrides } as RowExpectation;
}

/** Admins and super admins only. */
export const ADMINS = viewer("FORBIDDEN", { admin: "OK", superAdmin: "OK" });
/** Super admins only. */
export const SUPER_ADMINS = viewer("FORBIDDEN", { superAdmin: "OK" });
/** The owner only; everyone else is told the resource does not exist. */
export const OWNER_ONLY = viewer("NOT_FOUND", { owner: "OK" });

export type World = { t: TestConvex } & Record<Exclude<Role, "anonymous">, Person> & { partner: Person };

/**
 * A fresh backend: the owner ("olive") and their partner ("pete"), plus one person per role.
 * "nora" has not finished onboarding; the owner blocked "bob"; "ben" is banned and "eve" erased
 * (GDPR). Everyone feels "calm", so mood matching has candidates.
 */
export async function buildWorld(): Promise<World> {
  const t = newTest();
  const mood = "calm";
  const w: World = {
    t,
    owner: await person(t, "olive", { mood }),
    partner: await person(t, "pete", { mood }),
    unrelated: await person(t, "uma", { mood }),
    newcomer: await person(t, "nora", { mood, onboarded: false }),
    blocked: await person(t, "bob", { mood }),
    banned: await person(t, "ben", { mood, banned: true }),
    erased: await person(t, "eve", { mood }),
    admin: await person(t, "ada", { mood, role: "admin" }),
    superAdmin: await person(t, "sue", { mood, role: "super_admin" }),
  };
  await t.run(async (ctx) => {
    await ctx.db.patch("users", w.banned.id, { banReason: "spam", bannedAt: Date.now() });
    await eraseUser(ctx, w.erased.id);
  });
  await w.owner.as.mutation(api.friends.block, { userId: w.blocked.id });
  return w;
}

type Caller = Pick<TestConvex, "query" | "mutation" | "action">;

export function callerFor(w: World, role: Role): Caller {
  return role === "anonymous" ? w.t : w[role].as;
}

export type Verify = (w: World, role: Role, value: unknown) => void | Promise<void>;

/** One row of the matrix: a function, a setup making its resource and arguments, and the outcome per role. */
export type Case = {
  name: string;
  label: string;
  setup: (w: World, role: Role) => Promise<unknown>;
  call: (caller: Caller, args: unknown) => Promise<unknown>;
  expect: Expectation;
  verify?: Verify;
};

type Kind = "query" | "mutation" | "action";
/** Makes a row's resource and arguments; `role` is who will call (for resources the caller must own, like an upload). */
type Setup<F extends FunctionReference<Kind, "public">> = (w: World, role: Role) => Promise<FunctionArgs<F>> | FunctionArgs<F>;

function row<K extends Kind, F extends FunctionReference<K, "public">>(
  kind: K,
  fn: F,
  note: string,
  setup: Setup<F>,
  written: RowExpectation,
  verify?: Verify,
): Case {
  const name = getFunctionName(fn);
  const call = (caller: Caller, args: unknown) =>
    (caller[kind] as (fn: F, args: unknown) => Promise<unknown>)(fn, args);
  const expect = { ...written, newcomer: written.newcomer ?? (SOCIAL.has(name) ? "ONBOARDING_REQUIRED" : written.unrelated) };
  return { name, label: note ? `${name} (${note})` : name, setup: async (w, role) => await setup(w, role), call, expect, verify };
}

export const queryRow = <F extends FunctionReference<"query", "public">>(
  fn: F, note: string, setup: Setup<F>, expect: RowExpectation, verify?: Verify,
) => row("query", fn, note, setup, expect, verify);
export const mutationRow = <F extends FunctionReference<"mutation", "public">>(
  fn: F, note: string, setup: Setup<F>, expect: RowExpectation, verify?: Verify,
) => row("mutation", fn, note, setup, expect, verify);
export const actionRow = <F extends FunctionReference<"action", "public">>(
  fn: F, note: string, setup: Setup<F>, expect: RowExpectation, verify?: Verify,
) => row("action", fn, note, setup, expect, verify);

/** "OK" with the value, or the ConvexError's code. Any other error (a crash, not a refusal) propagates. */
export async function settle(call: Promise<unknown>): Promise<{ code: "OK"; value: unknown } | { code: string }> {
  try {
    return { code: "OK", value: await call };
  } catch (error) {
    if (error instanceof ConvexError) return { code: (error.data as { code: string }).code };
    throw error;
  }
}

/** null, [], an empty page, or an object of empty lists. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value !== "object") return false;
  if ("page" in value) return (value as { page: unknown[] }).page.length === 0;
  const values = Object.values(value);
  return values.length > 0 && values.every((item) => Array.isArray(item) && item.length === 0);
}

export type Dump = Record<string, unknown[]>;

/** Every document of every table of the schema, plus stored files and scheduled functions. */
export async function dump(t: TestConvex): Promise<Dump> {
  return await t.run(async (ctx) => {
    const out: Dump = {};
    for (const table of Object.keys(schema.tables) as TableNames[]) out[table] = await ctx.db.query(table).collect();
    out._storage = await ctx.db.system.query("_storage").collect();
    out._scheduled_functions = await ctx.db.system.query("_scheduled_functions").collect();
    return out;
  });
}

/** The dump without what merely acting writes (viewerMutation's lastActiveDay and active-user counters). */
export function withoutActivity(state: Dump): Dump {
  return {
    ...state,
    users: state.users.map((user) => ({ ...(user as object), lastActiveDay: undefined })),
    counterDeltas: state.counterDeltas.filter((row) => !(row as { name: string }).name.startsWith("activeUsers:")),
  };
}
