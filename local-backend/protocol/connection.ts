// One client's WebSocket session: query set, identity, versions, mutations and actions.
import type { UserIdentity } from "convex/server";
import { ConvexError, type Value } from "convex/values";
import type { WebSocket } from "../ws";
import type { Verified } from "../auth/devAuth";
import type { Engine } from "../engine/engine";
import { toWireError } from "../engine/errors";
import { decodeArgs, type CallOutcome, type FunctionCaller } from "./calls";
import type { QueryEntry, QueryRegistry } from "./queries";
import type { MutationSessions } from "./sessions";
import {
  decodeTs,
  encodeTs,
  parseClientMessage,
  transitionMessage,
  type ClientMessage,
  type QueryModification,
  type StateVersion,
} from "./wire";

export type SyncDeps = {
  engine: Engine;
  registry: QueryRegistry;
  caller: FunctionCaller;
  sessions: MutationSessions;
  verify: (token: string) => Promise<Verified>;
};

export type Subscription = { conn: SyncConnection; queryId: number; entry: QueryEntry; sentVersion: number };

export function identityKey(identity: UserIdentity | null): string {
  return identity === null ? "anonymous" : JSON.stringify(identity);
}

export function modificationFor(sub: Subscription): QueryModification {
  const result = sub.entry.result;
  return result.success
    ? { type: "QueryUpdated", queryId: sub.queryId, value: result.value, logLines: [], journal: null }
    : {
        type: "QueryFailed",
        queryId: sub.queryId,
        errorMessage: result.errorMessage,
        ...(result.errorData !== undefined ? { errorData: result.errorData } : {}),
        logLines: [],
        journal: null,
      };
}

/** The most queries one connection may subscribe to at once; more get QueryFailed (the connection stays usable). */
export const MAX_QUERIES_PER_CONNECTION = 1000;

function sharedKey(udfPath: string, argsKey: string): string {
  return `${udfPath}\u0000${argsKey}`;
}

/** A query refused before it ran (its arguments or this connection's limits). */
function failedQuery(queryId: number, error: unknown): QueryModification {
  const wire = toWireError(error);
  return {
    type: "QueryFailed",
    queryId,
    errorMessage: wire.errorMessage,
    ...(wire.errorData !== undefined ? { errorData: wire.errorData } : {}),
    logLines: [],
    journal: null,
  };
}

export class SyncConnection {
  private sent: StateVersion = { querySet: 0, ts: 0n, identity: 0 };
  /** The newest commit this client waits to see (its mutations resolve once a Transition reaches their ts). */
  private awaitedTs = 0n;
  private querySetVersion = 0;
  private identity: UserIdentity | null = null;
  private identityExpiresAt: number | null = null;
  private readonly subs = new Map<number, Subscription>();
  private readonly queryIdOf = new Map<string, number>();
  private control: Promise<void> = Promise.resolve();
  /** Settles when the latest Authenticate received so far has been processed. */
  private authenticated: Promise<void> = Promise.resolve();
  /** Settles when the latest mutation received so far has run (committed in memory, or failed). */
  private mutations: Promise<void> = Promise.resolve();
  /** Settles when the latest mutation's answer has been sent: answers go out in arrival order. */
  private answers: Promise<void> = Promise.resolve();
  private sessionId = "";
  private clockSkew: number | undefined;
  private closed = false;
  connected = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly deps: SyncDeps,
  ) {}

  handle(raw: string): void {
    let message: ClientMessage;
    try {
      message = parseClientMessage(raw);
    } catch {
      this.fatal("Could not parse client message");
      return;
    }
    switch (message.type) {
      case "Connect":
        this.sessionId = message.sessionId;
        this.connected = true;
        if (typeof message.clientTs === "number") this.clockSkew = message.clientTs - Date.now();
        if (message.maxObservedTimestamp) {
          // A client that saw later timestamps (e.g. before the data directory was reset) must not see ts go back.
          const seen = decodeTs(message.maxObservedTimestamp);
          if (seen < BigInt(Date.now() + 3_600_000) * 1_000_000n) this.deps.engine.advanceTs(seen);
        }
        return;
      case "ModifyQuerySet":
        this.enqueue(() => this.modifyQuerySet(message));
        return;
      case "Authenticate":
        this.enqueue(() => this.authenticate(message));
        this.authenticated = this.control;
        return;
      case "Mutation": {
        // After every earlier Authenticate (not behind query-set changes). One at a time, the next starting once this
        // one committed in memory so pipelined mutations share fsyncs; answers go in order, each once durable.
        const identity = this.authenticated.then(() => this.identity);
        let executed!: () => void;
        const ran = new Promise<void>((resolve) => (executed = resolve));
        const outcome = this.mutations.then(async () => await this.mutation(message, await identity, executed));
        void outcome.then(executed, executed);
        this.mutations = ran;
        this.answers = this.answers.then(async () => this.answer(message.requestId, await outcome)).catch((e) => this.fail(e));
        return;
      }
      case "Action": {
        const identity = this.authenticated.then(() => this.identity);
        void identity.then(async (who) => await this.action(message, who)).catch((e) => this.fail(e));
        return;
      }
      case "Event":
        return;
      default:
        this.fatal(`Unknown message type ${(message as { type: string }).type}`);
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.control = this.control.then(task).catch((e) => this.fail(e));
  }

  private async modifyQuerySet(message: Extract<ClientMessage, { type: "ModifyQuerySet" }>): Promise<void> {
    if (message.baseVersion !== this.querySetVersion) {
      this.fatal(`Invalid base version ${message.baseVersion}, expected ${this.querySetVersion}`);
      return;
    }
    this.querySetVersion = message.newVersion;
    const modifications: QueryModification[] = [];
    for (const change of message.modifications) {
      if (change.type === "Add") {
        const udfPath = change.udfPath.replace(/\.js:/, ":");
        let args: Record<string, Value>;
        try {
          args = decodeArgs(change.args[0]);
        } catch (error) {
          this.unsubscribe(change.queryId);
          modifications.push(failedQuery(change.queryId, error));
          continue;
        }
        const argsKey = JSON.stringify(change.args[0] ?? {});
        const refusal = this.limitRefusal(change.queryId, udfPath, argsKey);
        if (refusal) {
          this.unsubscribe(change.queryId);
          modifications.push(failedQuery(change.queryId, refusal));
          continue;
        }
        const sub = await this.subscribe(change.queryId, udfPath, args, argsKey);
        if (this.closed) return;
        modifications.push(modificationFor(sub));
      } else {
        this.unsubscribe(change.queryId);
        modifications.push({ type: "QueryRemoved", queryId: change.queryId });
      }
    }
    this.sendTransition(modifications, { querySet: message.newVersion });
  }

  /** A repeat under another id would travel twice in every Transition (the Convex client shares one); or the cap. */
  private limitRefusal(queryId: number, udfPath: string, argsKey: string): ConvexError<{ code: string; message: string }> | null {
    const same = this.queryIdOf.get(sharedKey(udfPath, argsKey));
    if (same !== undefined && same !== queryId) {
      return new ConvexError({
        code: "INVALID",
        message: `Query ${queryId} repeats query ${same} (${udfPath} with the same arguments) on this connection: subscribe to a query once and share its result.`,
      });
    }
    if (this.subs.size - (this.subs.has(queryId) ? 1 : 0) >= MAX_QUERIES_PER_CONNECTION) {
      return new ConvexError({
        code: "LIMIT_REACHED",
        message: `This connection already has ${MAX_QUERIES_PER_CONNECTION} queries, the most one connection may subscribe to: remove some before adding ${udfPath}.`,
      });
    }
    return null;
  }

  private async subscribe(queryId: number, udfPath: string, args: Record<string, Value>, argsKey: string): Promise<Subscription> {
    const entry = await this.deps.registry.acquire(udfPath, args, argsKey, this.identity, identityKey(this.identity));
    const sub: Subscription = { conn: this, queryId, entry, sentVersion: entry.version };
    if (this.closed) {
      this.deps.registry.release(entry);
      return sub;
    }
    this.unsubscribe(queryId);
    this.subs.set(queryId, sub);
    this.queryIdOf.set(sharedKey(udfPath, argsKey), queryId);
    entry.subscribers.add(sub);
    return sub;
  }

  private unsubscribe(queryId: number): void {
    const sub = this.subs.get(queryId);
    if (!sub) return;
    this.subs.delete(queryId);
    const key = sharedKey(sub.entry.udfPath, sub.entry.argsJson);
    if (this.queryIdOf.get(key) === queryId) this.queryIdOf.delete(key);
    sub.entry.subscribers.delete(sub);
    this.deps.registry.release(sub.entry);
  }

  private async authenticate(message: Extract<ClientMessage, { type: "Authenticate" }>): Promise<void> {
    let identity: UserIdentity | null = null;
    let expiresAt: number | null = null;
    if (message.tokenType === "Admin") {
      this.authError("Admin keys are not supported by the local backend", message.baseVersion, true);
      return;
    }
    if (message.tokenType === "User") {
      const verified = await this.deps.verify(message.value ?? "");
      if (!verified.ok) {
        this.authError(verified.reason, message.baseVersion, true);
        return;
      }
      identity = verified.identity;
      expiresAt = verified.expiresAt;
    }
    const changed = identityKey(identity) !== identityKey(this.identity);
    this.identity = identity;
    this.identityExpiresAt = expiresAt;
    if (changed) {
      const old = [...this.subs.values()];
      await Promise.all(old.map((sub) => this.subscribe(sub.queryId, sub.entry.udfPath, sub.entry.args, sub.entry.argsJson)));
      if (this.closed) return;
    }
    // Same identity (a refreshed token): results are unchanged, only the identity version moves.
    const modifications = changed
      ? [...this.subs.values()].map((sub) => {
          sub.sentVersion = sub.entry.version;
          return modificationFor(sub);
        })
      : [];
    this.sendTransition(modifications, { identity: message.baseVersion + 1 }, { clientClockSkew: this.clockSkew });
  }

  /** Runs a mutation (once per request id, see sessions.ts); null when the token expired (no answer). */
  private async mutation(
    message: Extract<ClientMessage, { type: "Mutation" }>,
    identity: UserIdentity | null,
    onExecuted: () => void,
  ): Promise<CallOutcome | null> {
    if (this.tokenExpired()) return null;
    return await this.deps.sessions.run(this.sessionId || `anonymous-${Math.random()}`, message.requestId, () =>
      this.deps.caller.call("mutation", message.udfPath, message.args[0], identity, this, onExecuted),
    );
  }

  private answer(requestId: number, outcome: CallOutcome | null): void {
    if (outcome === null) return;
    if (outcome.success) {
      const ts = outcome.ts ?? this.deps.engine.lastTs;
      this.send({ type: "MutationResponse", requestId, success: true, result: outcome.value, ts: encodeTs(ts), logLines: [] });
      if (ts > this.awaitedTs) this.awaitedTs = ts;
      this.coverTs(ts);
    } else {
      this.send({
        type: "MutationResponse",
        requestId,
        success: false,
        result: outcome.errorMessage,
        logLines: [],
        ...(outcome.errorData !== undefined ? { errorData: outcome.errorData } : {}),
      });
    }
  }

  private async action(message: Extract<ClientMessage, { type: "Action" }>, identity: UserIdentity | null): Promise<void> {
    if (this.tokenExpired()) return;
    const outcome = await this.deps.caller.call("action", message.udfPath, message.args[0], identity);
    this.send(
      outcome.success
        ? { type: "ActionResponse", requestId: message.requestId, success: true, result: outcome.value, logLines: [] }
        : {
            type: "ActionResponse",
            requestId: message.requestId,
            success: false,
            result: outcome.errorMessage,
            logLines: [],
            ...(outcome.errorData !== undefined ? { errorData: outcome.errorData } : {}),
          },
    );
  }

  /** A client with no changed result hears of the new ts only while a mutation of its waits for it: idle ones aren't woken. */
  pushFlush(subs: Subscription[], ts: bigint): void {
    if (!this.connected || this.closed) return;
    const modifications: QueryModification[] = [];
    for (const sub of subs) {
      if (this.subs.get(sub.queryId) !== sub || sub.sentVersion === sub.entry.version) continue;
      sub.sentVersion = sub.entry.version;
      modifications.push(modificationFor(sub));
    }
    if (modifications.length === 0 && (ts <= this.sent.ts || this.awaitedTs <= this.sent.ts)) return;
    this.sendTransition(modifications, { ts });
  }

  /** The client resolves a mutation once a Transition reaches its ts: send one if it is already covered. */
  private coverTs(ts: bigint): void {
    const synced = this.deps.registry.syncedTs;
    if (this.sent.ts >= ts || synced >= ts) this.sendTransition([], {});
  }

  private sendTransition(modifications: QueryModification[], end: Partial<StateVersion>, extra: { clientClockSkew?: number } = {}): void {
    const synced = this.deps.registry.syncedTs;
    const next: StateVersion = {
      querySet: end.querySet ?? this.sent.querySet,
      identity: end.identity ?? this.sent.identity,
      ts: [end.ts ?? 0n, synced, this.sent.ts].reduce((a, b) => (a > b ? a : b)),
    };
    const message = transitionMessage(this.sent, next, modifications, extra);
    this.sent = next;
    this.sendRaw(message);
  }

  private tokenExpired(): boolean {
    if (this.identityExpiresAt === null || Date.now() < this.identityExpiresAt) return false;
    this.authError("Token expired", this.sent.identity, false);
    return true;
  }

  private authError(error: string, baseVersion: number, authUpdateAttempted: boolean): void {
    this.send({ type: "AuthError", error, baseVersion, authUpdateAttempted });
  }

  private fatal(error: string): void {
    this.send({ type: "FatalError", error });
    this.ws.close(1011, error.slice(0, 120));
  }

  private fail(error: unknown): void {
    console.error("local backend: sync connection error", error);
    this.fatal(error instanceof Error ? error.message : String(error));
  }

  send(message: object): void {
    this.sendRaw(JSON.stringify(message));
  }

  sendRaw(message: string): void {
    if (!this.closed && this.ws.readyState === this.ws.OPEN) this.ws.send(message);
  }

  close(): void {
    this.closed = true;
    for (const queryId of [...this.subs.keys()]) this.unsubscribe(queryId);
  }
}

