// The `ws` package's Node build, required by file path: under a "browser" resolve condition
// (vitest's "app" project, which compiles Solid, has one), both `import "ws"` and `require("ws")` would get its
// browser stub, which has no server.
import { createRequire } from "node:module";
import path from "node:path";
import type * as Ws from "ws";

const require = createRequire(import.meta.url);
const ws = require(path.join(path.dirname(require.resolve("ws/package.json")), "index.js")) as typeof Ws;

export const WebSocket = ws.WebSocket;
export type WebSocket = Ws.WebSocket;
export const WebSocketServer = ws.WebSocketServer;
export type WebSocketServer = Ws.WebSocketServer;
