// The drainer's and the pull's only way to the server: an interface, and its implementation over ConvexClient.
import type { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import type { Value } from "convex/values";

export type ConnectionInfo = {
  connected: boolean;
  /** It was open at least once since the transport was created. */
  hasEverConnected: boolean;
};

export interface Transport {
  /** Runs a mutation. Calls on one transport reach the server in the order they were made. */
  mutation(udfPath: string, args: Record<string, unknown>): Promise<unknown>;
  /** Runs an action (not retried by the client on reconnect: callers retry). */
  action(udfPath: string, args: Record<string, unknown>): Promise<unknown>;
  /** Subscribes to a query; `onValue` runs with every new result. Returns the unsubscribe. */
  subscribe(
    udfPath: string,
    args: Record<string, unknown>,
    onValue: (value: unknown) => void,
    onError: (error: Error) => void,
  ): () => void;
  /** Uploads a blob to a storage upload URL and returns its storageId. */
  upload(url: string, blob: Blob): Promise<string>;
  connection(): ConnectionInfo;
  /** Calls `listener` when the connection changes; returns the unsubscribe. */
  onConnectionChange(listener: (info: ConnectionInfo) => void): () => void;
}

/** An upload failed on the way (network) or the storage refused it. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

/** POSTs `blob` to a Convex storage upload URL (Content-Type = the blob's type). */
export async function uploadWithFetch(url: string, blob: Blob, fetchImpl: typeof fetch = fetch): Promise<string> {
  const response = await fetchImpl(url, {
    method: "POST",
    headers: { "Content-Type": blob.type || "application/octet-stream" },
    body: blob,
  });
  if (!response.ok) throw new UploadError(`Upload failed (${response.status}).`, response.status);
  const body = (await response.json()) as { storageId?: unknown };
  if (typeof body.storageId !== "string") throw new UploadError("The upload returned no storageId.", response.status);
  return body.storageId;
}

/** The client keeps mutations issued while disconnected and sends them, in order, on reconnect. */
export class ConvexTransport implements Transport {
  constructor(
    private readonly client: ConvexClient,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  mutation(udfPath: string, args: Record<string, unknown>): Promise<unknown> {
    return this.client.mutation(makeFunctionReference<"mutation">(udfPath), args as Record<string, Value>);
  }

  action(udfPath: string, args: Record<string, unknown>): Promise<unknown> {
    return this.client.action(makeFunctionReference<"action">(udfPath), args as Record<string, Value>);
  }

  subscribe(
    udfPath: string,
    args: Record<string, unknown>,
    onValue: (value: unknown) => void,
    onError: (error: Error) => void,
  ): () => void {
    const unsubscribe = this.client.onUpdate(
      makeFunctionReference<"query">(udfPath),
      args as Record<string, Value>,
      onValue,
      onError,
    );
    return () => unsubscribe();
  }

  upload(url: string, blob: Blob): Promise<string> {
    return uploadWithFetch(url, blob, this.fetchImpl);
  }

  connection(): ConnectionInfo {
    const state = this.client.connectionState();
    return { connected: state.isWebSocketConnected, hasEverConnected: state.hasEverConnected };
  }

  onConnectionChange(listener: (info: ConnectionInfo) => void): () => void {
    let last = this.connection();
    return this.client.subscribeToConnectionState((state) => {
      const next = { connected: state.isWebSocketConnected, hasEverConnected: state.hasEverConnected };
      if (next.connected === last.connected && next.hasEverConnected === last.hasEverConnected) return;
      last = next;
      listener(next);
    });
  }
}
