// The HTTP routes of the local backend, in order: Host and Origin checks, health, function API, storage, dev auth, HTTP actions, test pages, app.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DevAuth } from "../auth/devAuth";
import { handleDevAuth } from "../auth/routes";
import type { Engine } from "../engine/engine";
import type { FunctionCaller } from "../protocol/calls";
import { handleStorage } from "../storage/routes";
import type { BlobStore } from "../storage/blobStore";
import type { UploadTokens } from "../storage/uploadTokens";
import { handleFunctionApi, isFunctionApiPath } from "./functionApi";
import type { HttpActions } from "./httpActions";
import type { OriginPolicy } from "./origins";
import { HttpError, sendJson, sendText } from "./respond";
import { appPageHeaders } from "./securityHeaders";
import type { StaticFiles } from "./static";

/**
 * Extra pages on this server's own origin, for tests and benchmarks only: a page there is
 * same-origin with the backend, so the origin check lets its ConvexClient in. Called for GET
 * paths under /__test/; answers true when it sent a response.
 */
export type TestPages = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

export type RouterDeps = {
  engine: Engine;
  caller: FunctionCaller;
  auth: DevAuth;
  blobs: BlobStore;
  tokens: UploadTokens;
  httpActions: HttpActions;
  files: StaticFiles;
  durable: () => Promise<void>;
  health: () => Record<string, unknown>;
  /** The Host and Origin values this server accepts (known once it listens). */
  policy: OriginPolicy;
  /** Pages under /__test/ (see TestPages), or null. */
  testPages: TestPages | null;
  /** Vite's middleware stack in `npm run dev`. */
  vite: ((req: IncomingMessage, res: ServerResponse, next: () => void) => void) | null;
};

const { "Content-Security-Policy": _strict, ...PAGE_HEADERS_BUT_CSP } = appPageHeaders();
const DEV_PAGE_HEADERS: Record<string, string> = { ...PAGE_HEADERS_BUT_CSP, "Content-Security-Policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'self'" };

export async function route(req: IncomingMessage, res: ServerResponse, deps: RouterDeps): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const { pathname } = url;
  const backendPath = pathname.startsWith("/api/") || pathname.startsWith("/auth/dev/");
  try {
    // Every route, the app's pages included: a foreign Host is DNS rebinding.
    const misdirected = deps.policy.checkHost(req);
    if (misdirected) return sendText(res, misdirected.status, misdirected.message);
    // The app is same-origin, so no route needs CORS: another origin's page is refused outright.
    const foreign = backendPath || pathname === "/health" ? deps.policy.checkOrigin(req) : null;
    if (foreign) return sendText(res, foreign.status, foreign.message);
    if (req.method === "OPTIONS" && backendPath) {
      // Only a cross-origin request is preflighted, and that was refused above: nothing to allow.
      res.writeHead(204, { Allow: "GET, HEAD, POST, OPTIONS", "Content-Length": 0 });
      res.end();
      return;
    }
    if (pathname === "/health") return sendJson(res, 200, deps.health());
    if (isFunctionApiPath(pathname)) {
      return await handleFunctionApi(req, res, pathname, {
        caller: deps.caller,
        verify: (token) => deps.auth.verify(token),
        lastTs: () => deps.engine.lastTs,
      });
    }
    if (pathname.startsWith("/api/storage/")) return await handleStorage(req, res, url, deps);
    if (pathname.startsWith("/auth/dev/")) return await handleDevAuth(req, res, pathname, deps.auth);
    if (await deps.httpActions.handle(req, res, url)) return;
    if (deps.testPages && pathname.startsWith("/__test/") && req.method === "GET" && deps.testPages(req, res, url)) return;
    if (!backendPath) {
      if (deps.vite) {
        // Vite's dev pages inject inline styles and scripts, so not the full CSP: framing and sniffing are still refused.
        for (const [name, value] of Object.entries(DEV_PAGE_HEADERS)) res.setHeader(name, value);
        deps.vite(req, res, () => sendText(res, 404, "Not found"));
        return;
      }
      if (deps.files.serve(req, res, pathname)) return;
      if (!deps.files.available && (pathname === "/" || pathname === "/index.html")) {
        return sendText(res, 404, "The app is not built: run `npm start` (builds it) or `npm run build`.");
      }
    }
    sendText(res, 404, "Not found");
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpError) {
      // The sign-in screen shows these messages as they are.
      if (pathname.startsWith("/auth/dev/")) return sendText(res, error.status, error.message);
      return sendJson(res, error.status, { error: error.message });
    }
    console.error("local backend: request failed", req.method, pathname, error);
    sendJson(res, 500, { error: "Internal error" });
  }
}
