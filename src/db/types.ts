// The shapes of the rows the client keeps in IndexedDB: server projections plus local sync bookkeeping.

/**
 * Where a row stands against the server.
 * - "synced": the row is what the server last said (or a settled local change).
 * - "pending": a local change (or the row's creation) waits in the outbox.
 * - "failed": the server refused a local change for good; `syncError` says why.
 */
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

export type WhisperStatus = "scheduled" | "delivered" | "cancelled";

/** A reaction as projected: `fromViewer` marks the signed-in person's own; userId is absent for a hidden sender. */
export type Reaction = { emoji: string; at: number; userId?: string; fromViewer?: boolean };

export interface LocalWhisper extends RowSync {
  /** Client-generated UUID of the create; server rows without one use their id. */
  clientId: string;
  conversationId: string;
  /** Position in the conversation: deliveredAt, scheduledFor or creation time (ms). */
  sortKey: number;
  status: WhisperStatus;
  /** True when the signed-in person sent it (mystery whispers hide senderId, never this). */
  fromViewer: boolean;
  senderId?: string;
  recipientId?: string;
  content: string;
  imageUrl?: string;
  audioUrl?: string;
  audioDuration?: number;
  isVoiceModulated?: boolean;
  isMystery?: boolean;
  scheduledFor?: number;
  deliveredAt?: number;
  /** When its sender wrote it (their device's time): the time shown, when the server gives it (see shownAt). */
  writtenAt?: number;
  readAt?: number;
  reactions: Reaction[];
  parentId?: string;
  chainRootId?: string;
  /** When its sender last edited its text (the server's time; this device's while the edit is queued). */
  editedAt?: number;
  /** Deleted by its sender (hidden at once locally; the server's tombstone removes it). */
  isDeleted?: boolean;
  /** Key of the image or voice Blob in `blobs` while it waits for upload (local playback). */
  localBlobKey?: string;
  localBlobKind?: "image" | "voice";
}

export type ConversationStatus = "initiated" | "active" | "closed";

/** What a conversation shows of the other person (public profile fields; names only after unmasking). */
export type CounterpartView = {
  _id?: string;
  username?: string;
  displayName: string;
  mood?: string;
  career?: string;
  interests?: string[];
  lifePhase?: string;
  firstName?: string;
  lastName?: string;
  isDeleted?: boolean;
};

export interface LocalConversation extends RowSync {
  status: ConversationStatus;
  /** The other participant; absent while a mystery sender stays hidden from the viewer. */
  counterpartId?: string;
  /** True for a mystery conversation (one side hidden until unmasked). */
  isMystery: boolean;
  /** True when the viewer does not know who the other participant is (a mystery sender not unmasked). */
  counterpartHidden: boolean;
  /** The other participant's public profile as the server projected it ({displayName: "Someone"} when hidden). */
  counterpart?: CounterpartView;
  unmasked?: boolean;
  /** The viewer blocked this mystery conversation itself ("Block this sender"); the server sends it only to the blocker. */
  blockedByViewer?: boolean;
  isPinned: boolean;
  isArchived: boolean;
  unreadCount: number;
  lastReadAt?: number;
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

export type MoodEntry = { mood: string; note?: string; at: number };

/** A mood journal change waiting for the server, shown over the server's journal. */
export type PendingMoodOp =
  | { opId: string; kind: "add"; entry: MoodEntry }
  | { opId: string; kind: "update"; at: number; mood: string; note?: string }
  | { opId: string; kind: "delete"; at: number };

export interface LocalMe extends RowSync {
  username: string;
  displayName: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  career?: string;
  interests: string[];
  mood?: string;
  lifePhase?: string;
  moodJournal: MoodEntry[];
  themePreference: "light" | "dark" | "system";
  onboarded?: boolean;
  isDeleted?: boolean;
  pendingMoods?: PendingMoodOp[];
}

export interface LocalProfile extends RowSync {
  username: string;
  displayName: string;
  mood?: string;
  career?: string;
  interests: string[];
  lifePhase?: string;
  isDeleted: boolean;
  firstName?: string;
  lastName?: string;
}

export type FeatureFlag = { name: string; enabled: boolean; label?: string };

/** A row of a table kept as the server projected it (chambers, skills, friends, …). */
export interface LocalDoc extends RowSync {
  [field: string]: unknown;
}

export interface LocalChamberMessage extends RowSync {
  clientId: string;
  chamberId: string;
  alias?: string;
  content: string;
  /** Posted by the signed-in person (the server never sends author ids). */
  fromYou?: boolean;
  sortKey: number;
}

export interface LocalFriend extends RowSync {
  /** The other person of the friendship row. */
  otherUserId: string;
  status: "pending" | "accepted" | "blocked" | "none";
  [field: string]: unknown;
}

export type OutboxState = "queued" | "inflight" | "failed";

/**
 * A blob the entry uploads before its mutation: the storageId is kept once uploaded, and
 * `registered` once the server has checked it (files:registerUpload), so neither happens twice.
 */
export type OutboxUpload = { arg: string; blobKey: string; kind: "image" | "voice"; storageId?: string; registered?: true };

/** An argument holding a local id that must become the server id before sending. */
export type OutboxRef = { arg: string; localId: string };

/** A row the entry created locally; on success it is re-keyed to `result[resultField]`. */
export type OutboxCreate = { table: LocalTableName; localId: string; resultField: string };

export interface OutboxEntry {
  /** Auto-increment: the send order. */
  seq?: number;
  /** Unique id of this operation. */
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
  /**
   * True once the entry was handed to the network (claimed "inflight"): the server may have
   * received it, so its args never change any more (a resend must be the same request).
   */
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
