// The local backend's development sign-in: POST /auth/dev/token {username} → a JWT kept in localStorage.
import { decodeJwt, isTokenFresh } from "./jwt";
import { storage } from "./viewerCache";

const TOKEN_KEY = "whispers:devToken";

type StoredDevToken = { username: string; token: string };

/** The local backend refused the sign-in (bad username) or could not be reached. */
export class DevSignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DevSignInError";
  }
}

function load(): StoredDevToken | null {
  try {
    const raw = storage().getItem(TOKEN_KEY);
    return raw ? (JSON.parse(raw) as StoredDevToken) : null;
  } catch {
    return null;
  }
}

export function clearDevToken(): void {
  storage().removeItem(TOKEN_KEY);
}

async function requestToken(baseUrl: string, username: string, fetchImpl: typeof fetch): Promise<string> {
  const response = await fetchImpl(`${baseUrl.replace(/\/$/, "")}/auth/dev/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    throw new DevSignInError(text || `Sign-in failed (${response.status}).`);
  }
  const { token } = (await response.json()) as { token?: unknown };
  if (typeof token !== "string") throw new DevSignInError("The server returned no token.");
  storage().setItem(TOKEN_KEY, JSON.stringify({ username, token } satisfies StoredDevToken));
  return token;
}

/** Online; the subject keys the user's database. */
export async function devSignIn(
  username: string,
  baseUrl: string,
  fetchImpl: typeof fetch = (...a) => fetch(...a),
): Promise<{ token: string; subject: string }> {
  const token = await requestToken(baseUrl, username.trim(), fetchImpl);
  const subject = decodeJwt(token)?.sub;
  if (typeof subject !== "string" || !subject) throw new DevSignInError("The token has no subject.");
  return { token, subject };
}

/**
 * When no new token can be had (a hiccup right after a reconnect), the stored one while unexpired: null would drop the
 * client's sign-in until the next attempt. Null only when nothing usable is left (the outbox waits).
 */
export function devTokenFetcher(baseUrl: string, fetchImpl: typeof fetch = (...a) => fetch(...a)) {
  return async ({ forceRefreshToken }: { forceRefreshToken: boolean }): Promise<string | null> => {
    const stored = load();
    if (!stored) return null;
    if (!forceRefreshToken && isTokenFresh(stored.token)) return stored.token;
    try {
      return await requestToken(baseUrl, stored.username, fetchImpl);
    } catch {
      return isTokenFresh(stored.token, 0) ? stored.token : null;
    }
  };
}
