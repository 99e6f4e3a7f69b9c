// Which push subscriptions the server will send to: Web Push services' https endpoints and well-formed keys only (no SSRF).
import { env } from "../_generated/server";

export const MAX_ENDPOINT = 2000;

/** The push services browsers subscribe with: exact hosts, and domains whose subdomains all belong to the service. */
const SERVICE_HOSTS = new Set([
  "fcm.googleapis.com", // Chrome, Chromium-based browsers, Samsung Internet
  "updates.push.services.mozilla.com", // Firefox
  "push.services.mozilla.com", // Firefox (older subscriptions)
]);
const SERVICE_DOMAINS = [
  ".push.apple.com", // Safari (web.push.apple.com)
  ".notify.windows.com", // Edge on Windows (WNS, e.g. wns2-par02p.notify.windows.com)
];

/** A P-256 public key, uncompressed (0x04, x, y), and the auth secret: the sizes RFC 8291 requires. */
const P256DH_BYTES = 65;
const AUTH_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** For the tests' mock push service only: never set WHISPERS_PUSH_TEST_ENDPOINTS in a deployment. */
function testOrigins(): string[] {
  const raw = env.WHISPERS_PUSH_TEST_ENDPOINTS?.trim();
  return raw ? raw.split(",").map((origin) => origin.trim()).filter(Boolean) : [];
}

const isIpLiteral = (hostname: string) => hostname.startsWith("[") || /^[0-9.]+$/.test(hostname);

/** Null only for https on the default port, no credentials, a known push service's host: never an IP (loopback, private). */
export function endpointProblem(endpoint: string): string | null {
  if (endpoint.length > MAX_ENDPOINT) return `A push endpoint can be at most ${MAX_ENDPOINT} characters.`;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "A push endpoint must be an https URL.";
  }
  if (testOrigins().includes(url.origin)) return null;
  if (url.protocol !== "https:") return "A push endpoint must be an https URL.";
  if (url.username || url.password) return "A push endpoint cannot carry a user name or password.";
  if (url.port !== "") return "A push endpoint must use the standard https port.";
  const host = url.hostname;
  if (isIpLiteral(host)) return "A push endpoint must name its push service, not an IP address.";
  if (!SERVICE_HOSTS.has(host) && !SERVICE_DOMAINS.some((domain) => host.endsWith(domain))) {
    return "A push endpoint must belong to a Web Push service (Google, Mozilla, Apple or Microsoft).";
  }
  return null;
}

/** The bytes of base64url text (padding optional), or null when it is not base64url. */
function base64urlBytes(text: string): Uint8Array | null {
  if (!BASE64URL.test(text) || text.replace(/=+$/, "").length % 4 === 1) return null;
  const base64 = text.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Why the subscription's keys cannot encrypt a push message, or null: base64url, a 65-byte P-256 point and a 16-byte secret. */
export function keysProblem(keys: { p256dh: string; auth: string }): string | null {
  const p256dh = base64urlBytes(keys.p256dh);
  if (!p256dh || p256dh.length !== P256DH_BYTES || p256dh[0] !== 4) {
    return "The subscription's p256dh key must be an uncompressed P-256 public key (65 bytes, base64url).";
  }
  if (base64urlBytes(keys.auth)?.length !== AUTH_BYTES) {
    return "The subscription's auth key must be a 16-byte secret (base64url).";
  }
  return null;
}
