// ConvexHttpClient's endpoints: /api/query, /api/mutation, /api/action, /api/function, /api/query_ts.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { UserIdentity } from "convex/server";
import type { JSONValue } from "convex/values";
import type { Verified } from "../auth/devAuth";
import type { FunctionKind } from "../engine/functions";
import type { FunctionCaller } from "../protocol/calls";
import { encodeTs } from "../protocol/wire";
import { isJsonRequest } from "./origins";
import { bearerToken, HttpError, readJson, sendJson } from "./respond";

const UDF_FAILED = 560;

const ROUTES: Record<string, FunctionKind | "any"> = {
  "/api/query": "query",
  "/api/query_at_ts": "query",
  "/api/mutation": "mutation",
  "/api/action": "action",
  "/api/function": "any",
};

type Deps = { caller: FunctionCaller; verify: (token: string) => Promise<Verified>; lastTs: () => bigint };

export function isFunctionApiPath(pathname: string): boolean {
  return pathname in ROUTES || pathname === "/api/query_ts";
}

export async function handleFunctionApi(req: IncomingMessage, res: ServerResponse, pathname: string, deps: Deps): Promise<void> {
  if (req.method !== "POST") throw new HttpError(405, "Use POST");
  if (pathname === "/api/query_ts") {
    sendJson(res, 200, { ts: encodeTs(deps.lastTs()) });
    return;
  }
  const identity = await identityOf(req, deps);
  if (identity !== null && "invalid" in identity) {
    sendJson(res, 401, { code: "Unauthenticated", message: identity.invalid });
    return;
  }
  // ConvexHttpClient sends JSON; a cross-site form (text/plain) never reaches a function.
  if (!isJsonRequest(req)) throw new HttpError(415, "Send the call as JSON (Content-Type: application/json)");
  const body = (await readJson(req)) as { path?: unknown; args?: unknown };
  if (typeof body.path !== "string") throw new HttpError(400, "Missing function path");
  const kind = ROUTES[pathname];
  const args = (kind === "any" ? body.args : Array.isArray(body.args) ? body.args[0] : body.args) as JSONValue | undefined;
  const outcome = await deps.caller.call(kind, body.path, args, identity);
  if (outcome.success) {
    sendJson(res, 200, { status: "success", value: outcome.value, logLines: [] });
  } else {
    sendJson(res, UDF_FAILED, {
      status: "error",
      errorMessage: outcome.errorMessage,
      ...(outcome.errorData !== undefined ? { errorData: outcome.errorData } : {}),
      logLines: [],
    });
  }
}

async function identityOf(req: IncomingMessage, deps: Deps): Promise<UserIdentity | null | { invalid: string }> {
  const token = bearerToken(req);
  if (!token) return null;
  const verified = await deps.verify(token);
  return verified.ok ? verified.identity : { invalid: verified.reason };
}
