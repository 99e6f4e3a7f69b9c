// Calling the real public functions as a demo user (dev identity), for seeding.
import type { Value } from "convex/values";
import type { DevAuth } from "../auth/devAuth";
import type { Engine } from "../engine/engine";
import type { BlobStore } from "../storage/blobStore";
import { storeUpload } from "../storage/upload";

export class Seeder {
  private clientIds = 0;

  constructor(
    readonly engine: Engine,
    private readonly auth: DevAuth,
    private readonly blobs: BlobStore,
  ) {}

  /** Refused for an internal function, like a client call. */
  async mutation<T = unknown>(username: string, udfPath: string, args: Record<string, Value> = {}): Promise<T> {
    const { udfPath: path, kind } = await this.engine.functions.resolve(udfPath, { allowInternal: false });
    if (kind !== "mutation") throw new Error(`${udfPath} is not a mutation`);
    return (await this.engine.mutation(path, args, this.auth.identityOf(username))).value as T;
  }

  async query<T = unknown>(username: string, udfPath: string, args: Record<string, Value> = {}): Promise<T> {
    return (await this.engine.query(udfPath, args, this.auth.identityOf(username))).value as T;
  }

  /** An internal mutation, as `npx convex run` would call it. */
  async internal<T = unknown>(udfPath: string, args: Record<string, Value>): Promise<T> {
    return (await this.engine.mutation(udfPath, args, null)).value as T;
  }

  /** As the app does: an upload URL, the bytes, then files:registerUpload (binds the file to `username`). */
  async upload(username: string, kind: "image" | "voice", bytes: Uint8Array): Promise<string> {
    await this.mutation(username, kind === "image" ? "files:generateUploadUrl" : "files:generateVoiceUploadUrl");
    const storageId = await storeUpload(this.engine, this.blobs, bytes);
    await this.engine.action("files:registerUpload", { storageId, kind }, this.auth.identityOf(username));
    return storageId;
  }

  /** 8–64 letters, digits, '-' or '_', like the app's. */
  clientId(label: string): string {
    this.clientIds++;
    return `seed-${label}-${String(this.clientIds).padStart(4, "0")}`;
  }
}
