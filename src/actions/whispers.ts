// Whisper actions: send (text, image, voice), schedule and reply. Each is one local transaction; nothing waits for the network.
import { getFunctionName } from "convex/server";
import { api } from "../../convex/_generated/api";
import { currentDb } from "../db/current";
import type { WhispersDB } from "../db/database";
import { nextLocalSortKey } from "../db/ids";
import { putBlob } from "../db/repos/blobsRepo";
import { insertLocalWhisper } from "../db/repos/whispersRepo";
import { newLocalRow } from "../db/rowSync";
import type { LocalWhisper, OutboxRef, OutboxUpload } from "../db/types";
import { runAction, type Queued } from "./run";
import { compact, resolveWhisperTarget, whisperArg, type WhisperTarget } from "./whisperTarget";

export type { WhisperTarget };

export type SendWhisperInput = WhisperTarget & { content: string; image?: Blob; isMystery?: boolean };
export type SendVoiceWhisperInput = WhisperTarget & {
  audio: Blob;
  /** Seconds. */
  audioDuration: number;
  isVoiceModulated: boolean;
  content?: string;
  isMystery?: boolean;
};
export type ScheduleWhisperInput = WhisperTarget & { content: string; scheduledFor: number; image?: Blob; isMystery?: boolean };
export type ReplyInput = { parentId: string; content: string; image?: Blob };

type Draft = {
  kind: string;
  udfPath: string;
  target: WhisperTarget | { conversationId: string };
  isMystery: boolean;
  fields: Partial<LocalWhisper>;
  args: Record<string, unknown>;
  blob?: { blob: Blob; kind: "image" | "voice"; arg: string };
  refs?: OutboxRef[];
  extraArgsFromTarget?: boolean;
};

/** What queueing a whisper touches: the row, its conversation (summary, or one started offline), local ids. */
const WHISPER_TABLES = ["whispers", "conversations", "idMap"];

async function queueWhisper(draft: Draft, db?: WhispersDB): Promise<Queued> {
  return runAction(async ({ db: tx, opId, enqueue }) => {
    const clientId = opId;
    const resolved = await resolveWhisperTarget(tx, draft.target, draft.isMystery, opId);
    let uploads: OutboxUpload[] | undefined;
    let blobWritten: Promise<void> | undefined;
    if (draft.blob) {
      const blobKey = `${clientId}:${draft.blob.kind}`;
      blobWritten = putBlob(tx, blobKey, draft.blob.blob, opId);
      uploads = [{ arg: draft.blob.arg, blobKey, kind: draft.blob.kind }];
    }
    const now = Date.now();
    // The time it was written, shown now and after delivery alike (a scheduled one shows its delivery).
    const written = draft.kind === "scheduleWhisper" ? {} : { writtenAt: now };
    const whisper = newLocalRow(
      {
        id: clientId,
        clientId,
        conversationId: resolved.conversation.id,
        sortKey: nextLocalSortKey(now),
        ...written,
        status: "delivered",
        fromViewer: true,
        content: "",
        reactions: [],
        ...(draft.isMystery ? { isMystery: true } : {}),
        ...draft.fields,
        ...(draft.blob ? { localBlobKey: uploads![0]!.blobKey, localBlobKind: draft.blob.kind } : {}),
        _creationTime: now,
      },
      opId,
    ) as LocalWhisper;
    // The blob, the row, the summary and the entry are written together: one round trip, not one per write.
    await Promise.all([
      blobWritten,
      insertLocalWhisper(tx, whisper, resolved.conversation),
      enqueue({
        kind: draft.kind,
        udfPath: draft.udfPath,
        clientId,
        args: compact({ clientId, ...(draft.extraArgsFromTarget === false ? {} : resolved.args), ...draft.args, ...written }),
        uploads,
        refs: draft.refs,
        target: { table: "whispers", id: clientId },
        creates: [{ table: "whispers", localId: clientId, resultField: "whisperId" }, ...resolved.creates],
      }),
    ]);
    return { entryId: opId, localId: clientId };
  }, db, { tables: draft.blob ? [...WHISPER_TABLES, "blobs"] : WHISPER_TABLES });
}

/** Sends a text (and optional image) whisper. Offline: shown at once as pending, sent on reconnect. */
export function sendWhisper(input: SendWhisperInput, db?: WhispersDB): Promise<Queued> {
  const isMystery = input.isMystery === true;
  return queueWhisper(
    {
      kind: "sendWhisper",
      udfPath: getFunctionName(api.whispers.sendWhisper),
      target: input,
      isMystery,
      fields: { content: input.content },
      args: { content: input.content, isMystery: isMystery || undefined },
      blob: input.image ? { blob: input.image, kind: "image", arg: "imageStorageId" } : undefined,
    },
    db,
  );
}

/** Sends a voice whisper; the clip waits in IndexedDB and is uploaded when the entry is drained. */
export function sendVoiceWhisper(input: SendVoiceWhisperInput, db?: WhispersDB): Promise<Queued> {
  const isMystery = input.isMystery === true;
  const content = input.content ?? "";
  return queueWhisper(
    {
      kind: "sendVoiceWhisper",
      udfPath: getFunctionName(api.whispers.sendVoiceWhisper),
      target: input,
      isMystery,
      fields: { content, audioDuration: input.audioDuration, isVoiceModulated: input.isVoiceModulated },
      args: {
        audioDuration: input.audioDuration,
        isVoiceModulated: input.isVoiceModulated,
        content: input.content,
        isMystery: isMystery || undefined,
      },
      blob: { blob: input.audio, kind: "voice", arg: "audioStorageId" },
    },
    db,
  );
}

/** Schedules a whisper for `scheduledFor` (ms); it waits in the scheduled list until delivered. */
export function scheduleWhisper(input: ScheduleWhisperInput, db?: WhispersDB): Promise<Queued> {
  const isMystery = input.isMystery === true;
  return queueWhisper(
    {
      kind: "scheduleWhisper",
      udfPath: getFunctionName(api.whispers.scheduleWhisper),
      target: input,
      isMystery,
      fields: { content: input.content, status: "scheduled", scheduledFor: input.scheduledFor, sortKey: input.scheduledFor },
      args: { content: input.content, scheduledFor: input.scheduledFor, isMystery: isMystery || undefined },
      blob: input.image ? { blob: input.image, kind: "image", arg: "imageStorageId" } : undefined,
    },
    db,
  );
}

/** Replies to a whisper; a still-pending parent is sent first and the reply carries its server id. */
export async function replyToWhisper(input: ReplyInput, db?: WhispersDB): Promise<Queued> {
  const database = db ?? currentDb();
  const parent = await database.whispers.get(input.parentId);
  if (!parent) throw new Error("The whisper you reply to is not on this device.");
  const parentArg = whisperArg(parent, "parentId");
  return queueWhisper(
    {
      kind: "replyToWhisper",
      udfPath: getFunctionName(api.whispers.replyToWhisper),
      target: { conversationId: parent.conversationId },
      isMystery: false,
      fields: { content: input.content, parentId: parent.id, chainRootId: parent.chainRootId ?? parent.id },
      args: { ...parentArg.args, content: input.content },
      refs: parentArg.refs,
      blob: input.image ? { blob: input.image, kind: "image", arg: "imageStorageId" } : undefined,
      extraArgsFromTarget: false,
    },
    database,
  );
}
