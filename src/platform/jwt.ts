// Reading a JWT's claims on the client (no verification: the server verifies), to know who and until when.

export type JwtClaims = { sub?: string; exp?: number; iat?: number; iss?: string; [claim: string]: unknown };

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export function decodeJwt(token: string): JwtClaims | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(parts[1]!)) as unknown;
    return claims && typeof claims === "object" ? (claims as JwtClaims) : null;
  } catch {
    return null;
  }
}

/** Ms since epoch. */
export function tokenExpiresAt(token: string): number | undefined {
  const exp = decodeJwt(token)?.exp;
  return typeof exp === "number" ? exp * 1000 : undefined;
}

/** Tokens without exp count as fresh. */
export function isTokenFresh(token: string, marginMs = 30_000, now = Date.now()): boolean {
  const expiresAt = tokenExpiresAt(token);
  return expiresAt === undefined || expiresAt - marginMs > now;
}
