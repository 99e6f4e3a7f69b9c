// Assembles the local backend: data directory, engine, sync protocol, HTTP routes, jobs, demo data.
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import type { Duplex } from "node:stream";
import { fileURLToPath } from "node:url";
import { DevAuth } from "./auth/devAuth";
import { Engine } from "./engine/engine";
import { Jobs } from "./engine/jobs";
import { HttpActions } from "./http/httpActions";
import { OriginPolicy, type Refusal } from "./http/origins";
import { route, type TestPages } from "./http/router";
import { appPageHeaders } from "./http/securityHeaders";
import { StaticFiles } from "./http/static";
import { DataStore } from "./persistence/store";
import { FunctionCaller } from "./protocol/calls";
import { QueryRegistry, type InvalidationMode } from "./protocol/queries";
import { MutationSessions } from "./protocol/sessions";
import { SyncServer } from "./protocol/syncServer";
import { seedDemoData } from "./seed/seed";
import { DEMO_DISPLAY_NAMES } from "./seed/demoUsers";
import { BlobStore } from "./storage/blobStore";
import { UploadTokens } from "./storage/uploadTokens";
import { listen } from "./listen";
import { exportVapidKeys, loadVapidKeys } from "./vapid";

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const CONVEX_VERSION = (
  JSON.parse(readFileSync(path.join(ROOT_DIR, "node_modules", "convex", "package.json"), "utf8")) as { version: string }
).version;

export type BackendOptions = {
  port: number;
  host?: string;
  dataDir: string;
  /** Vite dev server in middleware mode (hot reload) instead of dist/. */
  dev?: boolean;
  /** Demo data on an empty data directory (default true). */
  seed?: boolean;
  /** The Convex functions served (default this project's convex/; tests serve fixtures). */
  convexDir?: string;
  distDir?: string;
  pingIntervalMs?: number;
  /** "all" re-runs every subscribed query on every commit (the benchmark's baseline). */
  invalidation?: InvalidationMode;
  log?: (line: string) => void;
  /** Pages served on the backend's own origin under /__test/ (benchmarks' baseline pages); `npm start` sets none. */
  testPages?: TestPages;
};

export type LocalBackend = {
  origin: string;
  port: number;
  engine: Engine;
  registry: QueryRegistry;
  sync: SyncServer;
  store: DataStore;
  auth: DevAuth;
  /** Server-side drop of every WebSocket (tests). */
  dropConnections(): void;
  close(): Promise<void>;
};

export async function startLocalBackend(options: BackendOptions): Promise<LocalBackend> {
  const log = options.log ?? ((line: string) => console.log(line));
  const host = options.host ?? "127.0.0.1";
  const store = DataStore.open(options.dataDir);
  let ready: (handler: http.RequestListener) => void = () => undefined;
  const handlerReady = new Promise<http.RequestListener>((resolve) => (ready = resolve));
  const server = http.createServer((req, res) => void handlerReady.then((handler) => handler(req, res)));
  let port: number;
  try {
    port = await listen(server, options.port, host);
  } catch (error) {
    store.close();
    throw error;
  }
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  try {
    const state = store.load();
    exportVapidKeys(loadVapidKeys(options.dataDir));
    const blobs = new BlobStore(path.join(options.dataDir, "files"));
    const tokens = UploadTokens.open(options.dataDir);
    const engine = await Engine.create(options.convexDir ?? path.join(ROOT_DIR, "convex"), {
      store: (id, blob) => blobs.store(id, blob),
      open: (id, type) => blobs.open(id, type),
      uploadToken: () => tokens.issue(),
      downloadToken: (id) => tokens.downloadToken(id),
    });
    if (!state.fresh) engine.restore(state);
    store.attach(engine);
    engine.onCommit((commit) => {
      for (const w of commit.writes) if (w.table === "_storage" && w.after === null) blobs.remove(w.id);
    });
    const durable = () => store.flush();
    const auth = await DevAuth.open(options.dataDir, origin, DEMO_DISPLAY_NAMES);
    const registry = new QueryRegistry(engine, engine.functions, origin, options.invalidation ?? "reads");
    const caller = new FunctionCaller(engine, durable, origin);
    const sync = new SyncServer(
      { engine, registry, caller, sessions: new MutationSessions(), verify: (token) => auth.verify(token) },
      `/api/${CONVEX_VERSION}/sync`,
      options.pingIntervalMs,
    );
    const jobs = new Jobs(engine);
    engine.scheduleFar = (db, name, args, runAt) => jobs.scheduleFar(db, name, args, runAt);
    const restoredJobs = state.fresh ? 0 : jobs.rearm();
    const cronCount = await jobs.startCrons();
    // Derived rows for existing data, as a deploy runs it (README, Deploying): the first batch now, the rest scheduled.
    if (!state.fresh && engine.functions.hasModule("profiles")) await engine.mutation("profiles:backfill", {}, null);
    if (state.fresh && options.seed !== false) await seedDemoData(engine, auth, blobs, log);
    const vite = options.dev ? await startVite(server) : null;
    const policy = new OriginPolicy(host, port);
    // The page's CSP names its own ws: origin (the Host it was loaded from, already checked).
    const files = new StaticFiles(options.distDir ?? path.join(ROOT_DIR, "dist"), (req) =>
      appPageHeaders({
        selfSocket: `ws://${req.headers.host ?? ""}`,
        convexUrl: process.env.VITE_CONVEX_URL,
        clerkPublishableKey: process.env.VITE_CLERK_PUBLISHABLE_KEY,
      }),
    );
    const startedAt = Date.now();
    server.on("upgrade", (req, socket, head) => {
      // Before the socket reaches the sync server (or Vite's HMR): a foreign Host or page origin gets an HTTP refusal.
      const refusal = policy.checkHost(req) ?? policy.checkOrigin(req);
      if (refusal) return refuseUpgrade(socket, refusal);
      if (!sync.handleUpgrade(req, socket, head) && !vite) socket.destroy();
    });
    const routerDeps = {
      engine,
      caller,
      auth,
      blobs,
      tokens,
      files,
      durable,
      policy,
      httpActions: new HttpActions(engine, durable),
      testPages: options.testPages ?? null,
      vite: vite ? (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => vite.middlewares(req, res, next) : null,
      health: () => ({
        ok: true,
        convexVersion: CONVEX_VERSION,
        syncPath: `/api/${CONVEX_VERSION}/sync`,
        origin,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        documents: Object.keys(engine.db._documents).length,
        connections: sync.size,
        subscriptions: registry.size,
        queryRuns: registry.runs,
        ts: engine.lastTs.toString(),
        crons: cronCount,
        app: vite ? "vite-dev" : files.available ? "dist" : "not built",
      }),
    };
    ready((req, res) => void route(req, res, routerDeps));
    if (restoredJobs > 0) log(`local backend: ${restoredJobs} scheduled function(s) re-armed`);
    let closed = false;
    return {
      origin,
      port,
      engine,
      registry,
      sync,
      store,
      auth,
      dropConnections: () => sync.terminateAll(),
      close: async () => {
        if (closed) return;
        closed = true;
        jobs.stop();
        engine.close();
        await sync.close();
        await vite?.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await blobs.settle();
        await store.flush();
        store.close();
      },
    };
  } catch (error) {
    server.close();
    store.close();
    throw error;
  }
}

function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = `${refusal.message}\n`;
  const reason = http.STATUS_CODES[refusal.status] ?? "Refused";
  socket.end(
    `HTTP/1.1 ${refusal.status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\n\r\n${body}`,
  );
}

async function startVite(server: http.Server) {
  const { createServer } = await import("vite");
  return await createServer({
    root: ROOT_DIR,
    appType: "spa",
    server: { middlewareMode: true, ws: { server } },
  });
}
