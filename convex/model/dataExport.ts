// GDPR data portability: reading the viewer's data, section by section, as each part is shown to them (mystery senders stay hidden).
import type { PaginationResult } from "convex/server";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { projectAdminRequest } from "./admin";
import { projectConversation } from "./conversations";
import type { PagedSection } from "./dataExportParts";
import { projectChamber } from "./echoChambers";
import { friendLists } from "./friends";
import { projectSkill, projectSkillMatch } from "./skills";
import { projectUnmaskingRequest } from "./unmasking";
import { ownProfile } from "./users";
import { projectWhisper } from "./whispers";

/** A page per collecting batch (one paginate per transaction), within half of every limit (tests/scale/export.scale.test.ts). */
export const EXPORT_PAGE: Record<PagedSection, number> = {
  whispersSent: 500,
  whispersReceived: 500,
  conversations: 100,
  chamberMessages: 500,
};
/** Rows read for each small section (listings, matches, requests, memberships, subscriptions). */
export const SMALL_LIMIT = 500;

/** lastCreationTime feeds the progress estimate. */
export type Page = { items: unknown[]; continueCursor: string; isDone: boolean; lastCreationTime: number | null };

const compact = <T>(items: (T | null)[]) => items.filter((item): item is T => item !== null);

async function mapPage<T extends { _creationTime: number }>(result: PaginationResult<T>, map: (row: T) => Promise<unknown>): Promise<Page> {
  const last = result.page[result.page.length - 1];
  return {
    items: compact(await Promise.all(result.page.map(map))),
    continueCursor: result.continueCursor,
    isDone: result.isDone,
    lastCreationTime: last ? last._creationTime : null,
  };
}

/** Each item as the viewer sees it elsewhere in the app. */
export async function exportPage(
  ctx: QueryCtx,
  user: Doc<"users">,
  section: PagedSection,
  cursor: string | null,
): Promise<Page> {
  const opts = { cursor, numItems: EXPORT_PAGE[section] };
  switch (section) {
    case "whispersSent":
      return await mapPage(
        await ctx.db.query("whispers").withIndex("by_senderId", (q) => q.eq("senderId", user._id)).paginate(opts),
        (whisper) => projectWhisper(ctx, user, whisper),
      );
    case "whispersReceived":
      return await mapPage(
        await ctx.db.query("whispers").withIndex("by_recipientId", (q) => q.eq("recipientId", user._id)).paginate(opts),
        (whisper) => projectWhisper(ctx, user, whisper),
      );
    case "conversations":
      return await mapPage(
        await ctx.db.query("conversationParticipants").withIndex("by_user", (q) => q.eq("userId", user._id)).paginate(opts),
        async (row) => {
          const conversation = await ctx.db.get("conversations", row.conversationId);
          return conversation ? await projectConversation(ctx, user, conversation) : null;
        },
      );
    case "chamberMessages":
      return await mapPage(
        await ctx.db.query("chamberMessages").withIndex("by_author_clientId", (q) => q.eq("authorId", user._id)).paginate(opts),
        async (message) => ({
          _id: message._id,
          _creationTime: message._creationTime,
          chamberId: message.chamberId,
          alias: message.alias,
          content: message.content,
          isDeleted: message.isDeleted === true,
        }),
      );
  }
}

/** The small sections, in one read. */
export async function exportBase(ctx: QueryCtx, user: Doc<"users">) {
  const { moodJournal, ...profile } = ownProfile(user);
  const memberships = await ctx.db.query("chamberMembers").withIndex("by_user", (q) => q.eq("userId", user._id)).take(SMALL_LIMIT);
  const skills = await ctx.db.query("skills").withIndex("by_user", (q) => q.eq("userId", user._id)).take(SMALL_LIMIT);
  const requests = await ctx.db.query("adminRequests").withIndex("by_user", (q) => q.eq("userId", user._id)).take(SMALL_LIMIT);
  const subscriptions = await ctx.db.query("pushSubscriptions").withIndex("by_user", (q) => q.eq("userId", user._id)).take(SMALL_LIMIT);
  const chambers = await Promise.all(
    memberships.map(async (member) => {
      const chamber = await ctx.db.get("echoChambers", member.chamberId);
      const view = chamber ? await projectChamber(ctx, user, chamber) : null;
      return { chamberId: member.chamberId, alias: member.alias, status: member.status, joinedAt: member.joinedAt, chamber: view };
    }),
  );
  const matches = [
    ...(await ctx.db.query("skillMatches").withIndex("by_teacher", (q) => q.eq("teacherId", user._id)).take(SMALL_LIMIT)),
    ...(await ctx.db.query("skillMatches").withIndex("by_learner", (q) => q.eq("learnerId", user._id)).take(SMALL_LIMIT)),
  ];
  const unmasking = [
    ...(await ctx.db.query("unmaskingRequests").withIndex("by_requester", (q) => q.eq("requesterId", user._id)).take(SMALL_LIMIT)),
    ...(await ctx.db.query("unmaskingRequests").withIndex("by_target", (q) => q.eq("targetId", user._id)).take(SMALL_LIMIT)),
  ];
  return {
    profile,
    moodJournal,
    friends: await friendLists(ctx, user),
    chambers,
    skills: compact(await Promise.all(skills.map((skill) => projectSkill(ctx, user, skill)))),
    skillMatches: compact(await Promise.all(matches.map((match) => projectSkillMatch(ctx, user, match)))),
    unmaskingRequests: compact(await Promise.all(unmasking.map((request) => projectUnmaskingRequest(ctx, user, request)))),
    adminRequests: compact(await Promise.all(requests.map((request) => projectAdminRequest(ctx, user, request)))),
    pushSubscriptions: subscriptions.map((sub) => ({
      endpoint: sub.endpoint,
      userAgent: sub.userAgent,
      createdAt: sub._creationTime,
    })),
  };
}
export type ExportBase = Awaited<ReturnType<typeof exportBase>>;
