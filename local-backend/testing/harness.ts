// Test helpers: an in-process local backend on a free port with a temporary data directory, and clients.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { WebSocket } from "../ws";
import { startLocalBackend, type BackendOptions, type LocalBackend } from "../server";

export type TestBackend = LocalBackend & { dataDir: string; cleanup(): Promise<void> };

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "whispers-lb-"));
}

/** Starts a backend (no demo data unless asked) on a free port; `cleanup` stops it and deletes its data. */
export async function startTestBackend(options: Partial<BackendOptions> = {}): Promise<TestBackend> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? tempDataDir();
  let backend: LocalBackend;
  try {
    backend = await startLocalBackend({ port: 0, seed: false, log: () => undefined, ...options, dataDir });
  } catch (error) {
    if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return Object.assign(backend, {
    dataDir,
    cleanup: async () => {
      try {
        await backend.close();
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  });
}

/** The stock ConvexClient over the `ws` package, optionally signed in as `username`. */
export function wsClient(backend: { origin: string; auth: LocalBackend["auth"] }, username?: string): ConvexClient {
  const client = new ConvexClient(backend.origin, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    skipConvexDeploymentUrlCheck: true,
    unsavedChangesWarning: false,
  });
  if (username) client.setAuth(async () => await backend.auth.issue(username));
  return client;
}

export async function httpClient(backend: { origin: string; auth: LocalBackend["auth"] }, username?: string): Promise<ConvexHttpClient> {
  const client = new ConvexHttpClient(backend.origin, { skipConvexDeploymentUrlCheck: true });
  if (username) client.setAuth(await backend.auth.issue(username));
  return client;
}

export function nextValue<T>(
  client: ConvexClient,
  ref: Parameters<ConvexClient["onUpdate"]>[0],
  args: Record<string, unknown>,
  predicate: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching value within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = client.onUpdate(
      ref,
      args as never,
      (value: unknown) => {
        if (!predicate(value as T)) return;
        clearTimeout(timer);
        setImmediate(() => unsubscribe());
        resolve(value as T);
      },
      (error: Error) => {
        clearTimeout(timer);
        setImmediate(() => unsubscribe());
        reject(error);
      },
    );
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
