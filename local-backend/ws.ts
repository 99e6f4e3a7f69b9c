// The `ws` package's Node build by file path: under vitest's "browser" condition (the app project) "ws" is a serverless stub.
import { createRequire } from "node:module";
import path from "node:path";
import type * as Ws from "ws";

const require = createRequire(import.meta.url);
const ws = require(path.join(path.dirname(require.resolve("ws/package.json")), "index.js")) as typeof Ws;

export const WebSocket = ws.WebSocket;
export type WebSocket = Ws.WebSocket;
export const WebSocketServer = ws.WebSocketServer;
export type WebSocketServer = Ws.WebSocketServer;
