// /auth/dev/token (sign in as any username, no password) and /auth/dev/users (the demo accounts); the router already refused other origins.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isJsonRequest } from "../http/origins";
import { HttpError, readJson, sendJson } from "../http/respond";
import { DEMO_USERS } from "../seed/demoUsers";
import { DevAuth } from "./devAuth";

export async function handleDevAuth(req: IncomingMessage, res: ServerResponse, pathname: string, auth: DevAuth): Promise<void> {
  if (pathname === "/auth/dev/users") {
    if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, "Use GET");
    sendJson(
      res,
      200,
      {
        users: DEMO_USERS.map((u) => u.username),
        accounts: DEMO_USERS.map((u) => ({ username: u.username, name: `${u.firstName} ${u.lastName}`, description: u.description, role: u.role ?? null })),
      },
    );
    return;
  }
  if (pathname === "/auth/dev/token") {
    if (req.method !== "POST") throw new HttpError(405, "Use POST");
    // A cross-site form or no-cors fetch can send only text/plain, form or multipart bodies, never JSON (even where no Origin came).
    if (!isJsonRequest(req)) throw new HttpError(415, "Send the sign-in as JSON (Content-Type: application/json).");
    const body = (await readJson(req, 64 * 1024)) as { username?: unknown };
    const username = DevAuth.username(body?.username);
    if (!username) throw new HttpError(400, "A sign-in name is 1–32 letters, digits, '_', '.' or '-'.");
    sendJson(res, 200, { token: await auth.issue(username), username });
    return;
  }
  throw new HttpError(404, "Not found");
}
