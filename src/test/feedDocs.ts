// Sync-feed documents for client tests: each table's view (convex/model/sync.ts FEED_VIEWS) with
// plain defaults for what a test leaves out, so a test names only the fields it is about.
import type { FeedDoc } from "../../convex/model/sync";
import type { OwnProfile, PublicProfile } from "../../convex/model/users";
import type { FeedTable } from "../../convex/schema";
import type { Local } from "../db/types";
import type { PullChange } from "../sync/applyPulledPage";
import { pos } from "./feed";

/** Some fields of a view, ids as plain strings (tests name rows "c1", "bob"). */
export type Fields<T> = Partial<Local<T>> & { _id: string };

/** Test ids stand in for server ids: the views' branded id types accept them only through here. */
const asView = <T>(doc: object): T => doc as T;

export function publicProfileDoc(fields: Fields<PublicProfile>): PublicProfile {
  return asView({ username: fields._id, displayName: fields._id, interests: [], isDeleted: false, updatedAt: 0, ...fields });
}

export function ownProfileDoc(fields: Fields<OwnProfile>): OwnProfile {
  return asView({
    _creationTime: 0,
    isSelf: true,
    username: fields._id,
    displayName: fields._id,
    email: `${fields._id}@example.com`,
    interests: [],
    moodJournal: [],
    themePreference: "system",
    onboarded: true,
    isDeleted: false,
    isBanned: false,
    updatedAt: 0,
    ...fields,
  });
}

/** A whisper from the other participant unless `fromViewer`; created when it was delivered (or updated). */
export function whisperDoc(fields: Fields<FeedDoc<"whispers">>): FeedDoc<"whispers"> {
  return asView({
    _creationTime: fields.deliveredAt ?? fields.scheduledFor ?? fields.updatedAt ?? 0,
    fromViewer: false,
    content: "",
    isMystery: false,
    status: "delivered",
    isDeleted: false,
    reactions: [],
    updatedAt: fields.deliveredAt ?? 0,
    ...fields,
  });
}

/** A plain conversation with `counterpartId` (its profile named after the id), or one hiding its counterpart. */
export function conversationDoc(fields: Fields<FeedDoc<"conversations">>): FeedDoc<"conversations"> {
  const hidden = fields.hiddenFromViewer === true;
  const counterpart = hidden || !fields.counterpartId ? { displayName: "Someone" } : publicProfileDoc({ _id: fields.counterpartId });
  return asView({
    _creationTime: 0,
    status: "active",
    isMystery: hidden,
    hiddenFromViewer: false,
    viewerIsHidden: false,
    unmasked: false,
    counterpart,
    initiatedByViewer: false,
    isPinned: false,
    isArchived: false,
    unreadCount: 0,
    lastWhisper: null,
    updatedAt: fields.lastWhisperAt ?? 0,
    ...fields,
  });
}

/** The viewer's friendship row with `otherId` (the viewer asked, unless `direction` says otherwise). */
export function friendDoc(fields: Fields<FeedDoc<"friends">> & { otherId: string }): FeedDoc<"friends"> {
  return asView({
    _creationTime: 0,
    userId: "me",
    friendId: fields.otherId,
    status: "pending",
    direction: "outgoing",
    profile: publicProfileDoc({ _id: fields.otherId }),
    updatedAt: 0,
    ...fields,
  });
}

export function chamberDoc(fields: Fields<FeedDoc<"echoChambers">>): FeedDoc<"echoChambers"> {
  return asView({ _creationTime: 0, name: fields._id, topic: "", isPublic: true, maxMembers: 500, memberCount: 0, isMember: false, updatedAt: 0, ...fields });
}

export function chamberMemberDoc(fields: Fields<FeedDoc<"chamberMembers">> & { chamberId: string }): FeedDoc<"chamberMembers"> {
  return asView({ _creationTime: 0, alias: fields._id, status: "active", isYou: false, joinedAt: 0, updatedAt: 0, ...fields });
}

export function chamberMessageDoc(fields: Fields<FeedDoc<"chamberMessages">> & { chamberId: string }): FeedDoc<"chamberMessages"> {
  return asView({ _creationTime: 0, alias: "someone", content: "", fromYou: false, updatedAt: 0, ...fields });
}

/** Any other table's document, given whole (its view's fields as the server sends them). */
export function viewDoc<T extends FeedTable>(_table: T, fields: Fields<FeedDoc<T>>): FeedDoc<T> {
  return asView(fields);
}

/** One change of a page: `doc` at feed position `n` (null with `id`: a tombstone). */
export function change<T extends FeedTable>(table: T, doc: FeedDoc<T> | null, id: string = doc?._id ?? "", n = 0): PullChange {
  return { table, id, at: pos(n), doc } as PullChange;
}
