// The WebSocket endpoint /api/<convex version>/sync: connections, flush fan-out and pings.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "../ws";
import { SyncConnection, type Subscription, type SyncDeps } from "./connection";
import type { QueryEntry } from "./queries";

export class SyncServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  private readonly connections = new Map<WebSocket, SyncConnection>();
  private readonly ping: NodeJS.Timeout;

  constructor(
    private readonly deps: SyncDeps,
    readonly path: string,
    pingIntervalMs = 30_000,
  ) {
    deps.registry.onFlush((changed, ts, target) => this.fanOut(changed, ts, target));
    this.ping = setInterval(() => {
      for (const conn of this.connections.values()) conn.send({ type: "Ping" });
    }, pingIntervalMs);
    this.ping.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname !== this.path) return false;
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
    return true;
  }

  private accept(ws: WebSocket): void {
    const conn = new SyncConnection(ws, this.deps);
    this.connections.set(ws, conn);
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      conn.handle(data.toString());
    });
    const gone = () => {
      if (this.connections.delete(ws)) conn.close();
    };
    ws.on("close", gone);
    ws.on("error", gone);
  }

  /** Changed entries go to their subscribers; every connection (or just `target`) learns the new timestamp. */
  private fanOut(changed: QueryEntry[], ts: bigint, target: SyncConnection | null): void {
    if (target) {
      target.pushFlush(changed.flatMap((entry) => [...entry.subscribers].filter((sub) => sub.conn === target)), ts);
      return;
    }
    const byConnection = new Map<SyncConnection, Subscription[]>();
    for (const entry of changed) {
      for (const sub of entry.subscribers) {
        let list = byConnection.get(sub.conn);
        if (!list) {
          list = [];
          byConnection.set(sub.conn, list);
        }
        list.push(sub);
      }
    }
    for (const conn of this.connections.values()) conn.pushFlush(byConnection.get(conn) ?? [], ts);
  }

  /** Drops every client socket without a close handshake (tests: simulate a network loss). */
  terminateAll(): void {
    for (const ws of this.connections.keys()) ws.terminate();
  }

  async close(): Promise<void> {
    clearInterval(this.ping);
    for (const ws of this.connections.keys()) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
