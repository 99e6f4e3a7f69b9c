// The shapes of the rows the client keeps in IndexedDB: the server's views (convex/model) plus local sync bookkeeping.
import type { GenericId } from "convex/values";
import type { ConversationView } from "../../convex/model/conversations";
import type { ChamberMessageView } from "../../convex/model/echoChambers";
import type { OwnProfile, PublicProfile } from "../../convex/model/users";
import type { WhisperView } from "../../convex/model/whispers";
import type { MoodEntry as ServerMoodEntry } from "../../convex/schema";

/** Ids as plain strings (offline rows name rows by local ids until confirmed); `_id` becomes `id` (RowSync). */
export type Local<T> = T extends GenericId<string>
  ? string
  : T extends readonly (infer U)[]
    ? Local<U>[]
    : T extends object
      ? { [K in keyof T]: Local<T[K]> }
      : T;

/** The fields of a view kept on its row (the id and the bookkeeping RowSync declares are its own). */
type ViewFields<T> = Local<Omit<T, "_id" | "_creationTime" | "updatedAt">>;

/** "synced": as the server last said; "pending": a change waits in the outbox; "failed": refused for good (`syncError`). */
export type SyncState = "synced" | "pending" | "failed";

/** A field patch made by one queued outbox operation, kept until the server acknowledges it. */
export type PendingPatch = { opId: string; patch: Record<string, unknown> };

/** Bookkeeping every synced row carries. */
export interface RowSync {
  /** The primary key: the server `_id`, or the clientId while only this device knows the row. */
  id: string;
  syncState: SyncState;
  /** The server's message when a change to this row was refused. */
  syncError?: string;
  /** True while the row was created on this device and the server has not confirmed it yet. */
  isLocal?: boolean;
  /** Outbox operations (entry ids) that still change this row. */
  ops?: string[];
  /** Field patches of those operations, applied in order over the server values in `base`. */
  patches?: PendingPatch[];
  /** The server's values of the patched fields, to revert to when a patch is discarded. */
  base?: Record<string, unknown>;
  /** Server-side last update (ms). */
  updatedAt?: number;
  _creationTime?: number;
}

export type WhisperStatus = WhisperView["status"];

/** A reaction as projected: `fromViewer` marks the signed-in person's own; userId is absent for a hidden sender. */
export type Reaction = Local<Omit<WhisperView["reactions"][number], "fromViewer">> & { fromViewer?: boolean };

/** convex/model/whispers.ts view; keyed for life by `localKey` (own: clientId; others': server id, their clientId is never sent). */
export interface LocalWhisper extends RowSync, Omit<ViewFields<WhisperView>, "conversationId" | "clientId" | "isMystery" | "isDeleted" | "reactions"> {
  /** The create's client-generated UUID (the key of the viewer's own whispers); another person's whisper: its server id. */
  clientId: string;
  /** The server's `_id`: absent while the whisper is only on this device. */
  serverId?: string;
  /** The key of the whisper this one answers, and of its chain's first whisper (local keys, like `id`). */
  parentId?: string;
  chainRootId?: string;
  conversationId: string;
  /** Position in the conversation: deliveredAt, scheduledFor or creation time (ms). */
  sortKey: number;
  reactions: Reaction[];
  isMystery?: boolean;
  /** Deleted by its sender (hidden at once locally; the server's tombstone removes it). */
  isDeleted?: boolean;
  /** Key of the image or voice Blob in `blobs` while it waits for upload (local playback). */
  localBlobKey?: string;
  localBlobKind?: "image" | "voice";
}

export type ConversationStatus = ConversationView["status"];

/** What a conversation shows of the other person (public profile fields; names only after unmasking). */
export type CounterpartView = Local<Partial<PublicProfile> & Pick<ConversationView["counterpart"], "displayName">>;

/** convex/model/conversations.ts view plus a locally kept summary, or one started here (only the counterpart known). */
export interface LocalConversation
  extends RowSync,
    Partial<Omit<ViewFields<ConversationView>, "status" | "isMystery" | "isPinned" | "isArchived" | "unreadCount" | "lastWhisperAt" | "counterpart" | "blockedByViewer">> {
  status: ConversationStatus;
  /** True for a mystery conversation (one side hidden until unmasked). */
  isMystery: boolean;
  /** True when the viewer does not know who the other participant is (a mystery sender not unmasked). */
  counterpartHidden: boolean;
  isPinned: boolean;
  isArchived: boolean;
  unreadCount: number;
  /** The other participant's public profile as the server projected it ({displayName: "Someone"} when hidden). */
  counterpart?: CounterpartView;
  /** The viewer blocked this mystery conversation itself ("Block this sender"); the server sends it only to the blocker. */
  blockedByViewer?: boolean;
  /** "counterpartId|mystery" for conversations created on this device: how the server row is recognised. */
  matchKey?: string;
  // ── Summary maintained locally from whispers (the list reads only this table) ──
  lastWhisperId?: string;
  lastWhisperAt?: number;
  lastWhisperPreview?: string;
  lastWhisperFromViewer?: boolean;
  /** max(lastWhisperAt, updatedAt): the list's recency order. */
  lastActivityAt: number;
  /** Version 2: pinned first, then recency (pinned ? 1e13 : 0) + lastActivityAt; indexed. */
  listRank: number;
  /** True for a row made only because whispers arrived before their conversation. */
  stub?: boolean;
}

export type MoodEntry = ServerMoodEntry;

/** A mood journal change waiting for the server, shown over the server's journal. */
export type PendingMoodOp =
  | { opId: string; kind: "add"; entry: MoodEntry }
  | { opId: string; kind: "update"; at: number; mood: string; note?: string }
  | { opId: string; kind: "delete"; at: number };

/** The signed-in person's own profile (convex/model/users.ts ownProfileView) and their queued mood changes. */
export interface LocalMe extends RowSync, Omit<ViewFields<OwnProfile>, "isSelf" | "email" | "onboarded" | "isDeleted" | "isBanned"> {
  email?: string;
  onboarded?: boolean;
  isDeleted?: boolean;
  isBanned?: boolean;
  pendingMoods?: PendingMoodOp[];
}

/** Another person's public profile (convex/model/users.ts publicProfileView). */
export interface LocalProfile extends RowSync, ViewFields<PublicProfile> {}

export type FeatureFlag = { name: string; enabled: boolean; label?: string };

/** A row of a table kept as the server projected it (chambers, skills, friends, …). */
export interface LocalDoc extends RowSync {
  [field: string]: unknown;
}

/** A chamber message (convex/model/echoChambers.ts chamberMessageView), or one posted on this device. */
export interface LocalChamberMessage extends RowSync, Partial<Omit<ViewFields<ChamberMessageView>, "clientId" | "chamberId" | "content">> {
  clientId: string;
  /** The server's id, once the server has the message (tombstones name it). */
  serverId?: string;
  chamberId: string;
  content: string;
  sortKey: number;
}

export interface LocalFriend extends RowSync {
  /** The other person of the friendship row. */
  otherUserId: string;
  status: "pending" | "accepted" | "blocked" | "none";
  [field: string]: unknown;
}

export type OutboxState = "queued" | "inflight" | "failed";

/** storageId kept once uploaded, `registered` once files:registerUpload checked it, so neither happens twice. */
export type OutboxUpload = { arg: string; blobKey: string; kind: "image" | "voice"; storageId?: string; registered?: true };

/** A local id to replace before sending: a whisper's server id is on its row (`serverId`), others' in `idMap`. */
export type OutboxRef = { arg: string; localId: string; table?: "whispers" };

/** A row the entry created locally; on success it is re-keyed to `result[resultField]`. */
export type OutboxCreate = { table: LocalTableName; localId: string; resultField: string };

export interface OutboxEntry {
  /** Auto-increment: the send order. */
  seq?: number;
  id: string;
  /** The idempotency key the server deduplicates (creates, reactions, moods). */
  clientId?: string;
  /** What the user did, e.g. "sendWhisper". */
  kind: string;
  /** The Convex function, e.g. "whispers:sendWhisper". */
  udfPath: string;
  args: Record<string, unknown>;
  refs?: OutboxRef[];
  uploads?: OutboxUpload[];
  /** The row the change shows up on (marked failed if refused). */
  target?: { table: LocalTableName; id: string };
  creates?: OutboxCreate[];
  /** A CONFLICT on a resend means "already done" (state changes like friend requests). */
  conflictMeansDone?: boolean;
  attempts: number;
  nextAttemptAt: number;
  state: OutboxState;
  /** Set once claimed "inflight": the server may have it, so args never change (a resend must be the same request). */
  sent?: true;
  error?: { code: string; message: string };
  createdAt: number;
}

export interface BlobRow {
  key: string;
  blob: Blob;
  /** The outbox entry that will upload it. */
  entryId: string;
  createdAt: number;
}

/** Local id → server id, learned from acknowledgements and pulled rows. */
export interface IdMapRow {
  localId: string;
  serverId: string;
  table: LocalTableName;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export type LocalTableName =
  | "whispers"
  | "conversations"
  | "profiles"
  | "me"
  | "chambers"
  | "chamberMembers"
  | "chamberMessages"
  | "skills"
  | "skillMatches"
  | "unmaskingRequests"
  | "friends"
  | "adminRequests";
