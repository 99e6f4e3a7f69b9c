// Turns a stored outbox entry into mutation arguments: uploads and registers its blobs (once each) and resolves local ids.
import { getFunctionName } from "convex/server";
import { api } from "../../convex/_generated/api";
import type { WhispersDB } from "../db/database";
import { outboxFailure } from "./entryErrors";
import { convexErrorData } from "./errors";
import { recordUploads } from "../db/outboxResults";
import { getBlob } from "../db/repos/blobsRepo";
import { resolveServerId } from "../db/repos/idMapRepo";
import type { OutboxEntry, OutboxRef, OutboxUpload } from "../db/types";
import type { Transport } from "./transport";

/** The mutation that hands out an upload URL, per kind of blob. */
export const UPLOAD_URL_MUTATION = { image: getFunctionName(api.files.generateUploadUrl), voice: getFunctionName(api.files.generateVoiceUploadUrl) } as const;

/** The action that checks an upload (its type and a clip's length, from the bytes) and binds it to the uploader. */
export const REGISTER_UPLOAD_ACTION = getFunctionName(api.files.registerUpload);

function urlOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as { url?: unknown }).url === "string") {
    return (value as { url: string }).url;
  }
  throw outboxFailure("INVALID", "The server gave no upload URL.");
}

/** Ready to attach: stored and registered. */
const isReady = (upload: OutboxUpload): upload is OutboxUpload & { storageId: string } =>
  upload.storageId !== undefined && upload.registered === true;

export function needsUploads(entry: OutboxEntry): boolean {
  return (entry.uploads ?? []).some((upload) => !isReady(upload));
}

/**
 * Each step is recorded on the entry at once, so a reload never repeats one; NOT_FOUND (swept after long offline)
 * forgets the storageId to upload again. A refused file throws INVALID with the server's reason.
 */
export async function uploadBlobs(db: WhispersDB, transport: Transport, entry: OutboxEntry): Promise<void> {
  for (const upload of entry.uploads ?? []) {
    if (!upload.storageId) {
      const blob = await getBlob(db, upload.blobKey);
      if (!blob) throw outboxFailure("NOT_FOUND", "The attached file is no longer on this device.");
      const url = urlOf(await transport.mutation(UPLOAD_URL_MUTATION[upload.kind], {}));
      upload.storageId = await transport.upload(url, blob);
      await recordUploads(db, entry);
    }
    if (!upload.registered) {
      try {
        await transport.action(REGISTER_UPLOAD_ACTION, { storageId: upload.storageId, kind: upload.kind });
      } catch (error) {
        if (convexErrorData(error)?.code === "NOT_FOUND") {
          upload.storageId = undefined;
          await recordUploads(db, entry);
        }
        throw error;
      }
      upload.registered = true;
      await recordUploads(db, entry);
    }
  }
}

/** The arguments to send when nothing needs looking up (no local ids, every blob uploaded); else undefined. */
export function readyArgs(entry: OutboxEntry): Record<string, unknown> | undefined {
  if ((entry.refs ?? []).length > 0 || needsUploads(entry)) return undefined;
  const args = { ...entry.args };
  for (const upload of entry.uploads ?? []) args[upload.arg] = upload.storageId;
  return args;
}

/** StorageIds filled in, local ids replaced; `waitForCreate(localId)` waits for this drain's entry that creates it. */
export async function resolveArgs(
  db: WhispersDB,
  entry: OutboxEntry,
  waitForCreate: (localId: string) => Promise<void> | undefined,
): Promise<Record<string, unknown>> {
  const args = { ...entry.args };
  for (const upload of entry.uploads ?? []) {
    if (!isReady(upload)) throw outboxFailure("INVALID", "The attached file was not uploaded.");
    args[upload.arg] = upload.storageId;
  }
  for (const ref of entry.refs ?? []) {
    let serverId = await refServerId(db, ref);
    if (serverId === undefined) {
      await waitForCreate(ref.localId);
      serverId = await refServerId(db, ref);
    }
    if (serverId === undefined) throw await missingDependency(db, ref.localId);
    args[ref.arg] = serverId;
  }
  return args;
}

/** The server id of a referenced row, once its create was acknowledged (a ref queued before version 5 names no table). */
async function refServerId(db: WhispersDB, ref: OutboxRef): Promise<string | undefined> {
  if (ref.table === undefined) {
    const mapped = await resolveServerId(db, ref.localId);
    if (mapped !== undefined) return mapped;
  }
  return (await db.whispers.get(ref.localId))?.serverId;
}

/** Why a referenced row has no server id: its create failed or was discarded (permanent), or it is still on its way. */
async function missingDependency(db: WhispersDB, localId: string): Promise<Error> {
  const creator = (await db.outbox.toArray()).find((e) => e.creates?.some((c) => c.localId === localId));
  if (!creator) return outboxFailure("NOT_FOUND", "This refers to something that was discarded.");
  if (creator.state === "failed") return outboxFailure("DEPENDENCY", "Waiting for an earlier change that could not be sent.");
  return new Error("An earlier change is still on its way.");
}
