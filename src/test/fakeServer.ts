// A test double of the Convex side: a tiny server that deduplicates clientIds, and a Transport to reach it.
import { ConvexError } from "convex/values";
import type { ConnectionInfo, Transport } from "../sync/transport";

export type StoredWhisper = {
  _id: string;
  clientId: string;
  conversationId: string;
  content: string;
  imageStorageId?: string;
  audioStorageId?: string;
  parentId?: string;
};

type Rule = { when: (udfPath: string, args: Record<string, unknown>) => boolean; error: () => unknown; times: number };

/** Applies mutations one at a time in arrival order, like Convex for one client connection. */
export class FakeServer {
  readonly whispers: StoredWhisper[] = [];
  readonly calls: Array<{ udfPath: string; args: Record<string, unknown> }> = [];
  /** The outbox:push batches received (their ops are in `calls` too, one by one). */
  readonly pushes: Array<Array<{ udfPath: string; args: Record<string, unknown> }>> = [];
  readonly storage = new Map<string, Blob>();
  uploads = 0;
  uploadUrls = 0;
  registrations = 0;
  /** A push of more ops than this fails as a whole, as one over a transaction limit does. */
  maxOpsPerPush = Infinity;
  /**
   * A push stops before its next op other than a text whisper once it ran this many of them, and
   * answers the rest "not run", as one whose transaction budget ran out does (text whispers cost
   * too little to fill one).
   */
  heavyOpsPerPush = Infinity;
  private readonly rules: Rule[] = [];
  private nextId = 1;

  /** Makes matching calls throw `error()` (the next `times` of them; Infinity for always). */
  failWhen(when: Rule["when"], error: () => unknown, times = 1): void {
    this.rules.push({ when, error, times });
  }

  /** A ConvexError like the server's fail(code, message). */
  static convexError(code: string, message: string): ConvexError<{ code: string; message: string }> {
    return new ConvexError({ code, message });
  }

  handle(udfPath: string, args: Record<string, unknown>): unknown {
    if (udfPath === "outbox:push") return this.push(args.ops as Array<{ udfPath: string; args: Record<string, unknown> }>);
    this.calls.push({ udfPath, args });
    const rule = this.rules.find((r) => r.times > 0 && r.when(udfPath, args));
    if (rule) {
      rule.times -= 1;
      throw rule.error();
    }
    if (udfPath === "files:generateUploadUrl" || udfPath === "files:generateVoiceUploadUrl") {
      this.uploadUrls += 1;
      return `https://fake.test/upload/${this.nextId++}`;
    }
    if (udfPath === "files:registerUpload") return this.register(args.storageId as string);
    if (["whispers:sendWhisper", "whispers:sendVoiceWhisper", "whispers:scheduleWhisper", "whispers:replyToWhisper"].includes(udfPath)) {
      return this.createWhisper(args);
    }
    return null;
  }

  /**
   * outbox:push like convex/outbox.ts: ops in order, a ConvexError answers its op alone, a
   * RATE_LIMITED or UNAUTHENTICATED one stops the batch there (as does the budget: heavyOpsPerPush)
   * and the ops after a stop answer "not run"; any other error fails it whole.
   */
  private push(ops: Array<{ udfPath: string; args: Record<string, unknown> }>): unknown[] {
    this.pushes.push(ops);
    if (ops.length > this.maxOpsPerPush) {
      throw new Error(
        "[Request ID: 7] Server Error\nUncaught Error: Too many reads in a single function execution (limit: 4096). " +
          "Consider using smaller limits in your queries.",
      );
    }
    const outcomes: unknown[] = [];
    let heavy = 0;
    for (const op of ops) {
      if (op.udfPath !== "whispers:sendWhisper" || op.args.imageStorageId !== undefined) {
        if (heavy >= this.heavyOpsPerPush && outcomes.length > 0) break;
        heavy += 1;
      }
      try {
        outcomes.push({ ok: true, value: this.handle(op.udfPath, op.args) ?? null });
      } catch (error) {
        const data = (error as { data?: { code?: unknown } } | null)?.data;
        if (!(error instanceof ConvexError) || typeof data?.code !== "string") throw error;
        outcomes.push({ ok: false, error: data });
        if (data.code === "RATE_LIMITED" || data.code === "UNAUTHENTICATED") break;
      }
    }
    while (outcomes.length < ops.length) outcomes.push({ ok: false, notRun: true });
    return outcomes;
  }

  private createWhisper(args: Record<string, unknown>): { whisperId: string; conversationId: string } {
    const clientId = String(args.clientId);
    const existing = this.whispers.find((w) => w.clientId === clientId);
    if (existing) return { whisperId: existing._id, conversationId: existing.conversationId };
    const conversationId =
      typeof args.conversationId === "string" ? args.conversationId : `conv-${String(args.recipientId ?? "reply")}`;
    const whisper: StoredWhisper = {
      _id: `w${this.nextId++}`,
      clientId,
      conversationId,
      content: String(args.content ?? ""),
      ...(typeof args.imageStorageId === "string" ? { imageStorageId: args.imageStorageId } : {}),
      ...(typeof args.audioStorageId === "string" ? { audioStorageId: args.audioStorageId } : {}),
      ...(typeof args.parentId === "string" ? { parentId: args.parentId } : {}),
    };
    this.whispers.push(whisper);
    return { whisperId: whisper._id, conversationId };
  }

  /** files:registerUpload: the stored blob's type and size; NOT_FOUND when it is not stored. */
  private register(storageId: string): { contentType: string; size: number } {
    const blob = this.storage.get(storageId);
    if (!blob) throw FakeServer.convexError("NOT_FOUND", "That file was not found. Upload it again.");
    this.registrations += 1;
    return { contentType: blob.type, size: blob.size };
  }

  storeUpload(blob: Blob): string {
    this.uploads += 1;
    const storageId = `storage${this.nextId++}`;
    this.storage.set(storageId, blob);
    return storageId;
  }
}

/** A network failure as the transport reports it. */
export class NetworkError extends Error {
  constructor(message = "Network request failed (offline)") {
    super(message);
    this.name = "NetworkError";
  }
}

type Subscription = { udfPath: string; args: Record<string, unknown>; onValue: (v: unknown) => void; onError: (e: Error) => void };

/**
 * The Transport double. Online it hands calls to the FakeServer after `latencyMs` (responses in
 * order); offline it rejects them with a NetworkError. `loseResponses` makes the server apply a
 * call but the answer never arrive (the client sees a network error).
 */
export class FakeTransport implements Transport {
  online = true;
  latencyMs = 1;
  inflight = 0;
  maxInflight = 0;
  private lose: ((udfPath: string, args: Record<string, unknown>) => boolean) | undefined;
  private readonly listeners = new Set<(info: ConnectionInfo) => void>();
  readonly subscriptions = new Set<Subscription>();

  constructor(readonly server: FakeServer = new FakeServer()) {}

  loseResponses(when: ((udfPath: string, args: Record<string, unknown>) => boolean) | undefined): void {
    this.lose = when;
  }

  setOnline(online: boolean): void {
    this.online = online;
    for (const listener of this.listeners) listener(this.connection());
  }

  mutation(udfPath: string, args: Record<string, unknown>): Promise<unknown> {
    return this.call(udfPath, args);
  }

  action(udfPath: string, args: Record<string, unknown>): Promise<unknown> {
    return this.call(udfPath, args);
  }

  private async call(udfPath: string, args: Record<string, unknown>): Promise<unknown> {
    if (!this.online) throw new NetworkError();
    this.inflight += 1;
    this.maxInflight = Math.max(this.maxInflight, this.inflight);
    try {
      let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, value: this.server.handle(udfPath, structuredClone(args)) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      if (!this.online || this.lost(udfPath, args)) throw new NetworkError("The response was lost");
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    } finally {
      this.inflight -= 1;
    }
  }

  /** A push's answer is lost when any of its ops' would be. */
  private lost(udfPath: string, args: Record<string, unknown>): boolean {
    if (!this.lose) return false;
    if (udfPath !== "outbox:push") return this.lose(udfPath, args);
    return (args.ops as Array<{ udfPath: string; args: Record<string, unknown> }>).some((op) => this.lose!(op.udfPath, op.args));
  }

  subscribe(udfPath: string, args: Record<string, unknown>, onValue: (v: unknown) => void, onError: (e: Error) => void): () => void {
    const sub = { udfPath, args, onValue, onError };
    this.subscriptions.add(sub);
    return () => this.subscriptions.delete(sub);
  }

  /** Delivers `value` to the subscriptions of `udfPath` whose args match `args` (by JSON). */
  push(udfPath: string, args: Record<string, unknown>, value: unknown): number {
    let delivered = 0;
    for (const sub of [...this.subscriptions]) {
      if (sub.udfPath === udfPath && JSON.stringify(sub.args) === JSON.stringify(args)) {
        sub.onValue(value);
        delivered += 1;
      }
    }
    return delivered;
  }

  async upload(_url: string, blob: Blob): Promise<string> {
    if (!this.online) throw new TypeError("Failed to fetch");
    await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    return this.server.storeUpload(blob);
  }

  connection(): ConnectionInfo {
    return { connected: this.online, hasEverConnected: true };
  }

  onConnectionChange(listener: (info: ConnectionInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
