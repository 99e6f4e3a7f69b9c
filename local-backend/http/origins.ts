// Who may talk to the local backend: the Host it answers to (DNS rebinding) and the browser origins it serves (cross-site sign-in).
import type { IncomingMessage } from "node:http";
import net from "node:net";

export type Refusal = { status: number; message: string };

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];
const WILDCARD_BINDS = new Set(["0.0.0.0", "::", "[::]"]);

/** `host` as it appears in a Host header or an origin: IPv6 in brackets, lower case. */
function hostForm(host: string): string {
  const lower = host.toLowerCase();
  return net.isIPv6(lower) ? `[${lower}]` : lower;
}

/** An IP literal in Host form ("10.0.0.5", "[fe80::1]"): a name no DNS answer can rebind. */
function isIpLiteral(hostname: string): boolean {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return net.isIP(bare) !== 0;
}

/** Splits "name:port" / "[v6]:port" / "name"; null when malformed. */
function splitHost(value: string): { hostname: string; port: number | null } | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!match) return null;
  return { hostname: match[1].toLowerCase(), port: match[2] === undefined ? null : Number(match[2]) };
}

/**
 * Loopback names (never rebound elsewhere), HOST itself, and for a wildcard bind any IP literal: rebinding needs a DNS
 * name. Built after listen (with PORT=0 only then is the port known).
 */
export class OriginPolicy {
  private readonly names: Set<string>;
  private readonly anyIp: boolean;

  constructor(
    bindHost: string,
    readonly port: number,
  ) {
    const own = hostForm(bindHost);
    this.anyIp = WILDCARD_BINDS.has(own);
    this.names = new Set(LOOPBACK_NAMES);
    if (!this.anyIp) this.names.add(own);
  }

  /** For messages. */
  get hosts(): string[] {
    return [...this.names].map((name) => `${name}:${this.port}`).concat(this.anyIp ? [`<any IP address>:${this.port}`] : []);
  }

  acceptsHost(value: string | undefined): boolean {
    if (!value) return false;
    const parts = splitHost(value);
    if (!parts) return false;
    // A Host without a port means the scheme's default one (only http here).
    if ((parts.port ?? 80) !== this.port) return false;
    return this.names.has(parts.hostname) || (this.anyIp && isIpLiteral(parts.hostname));
  }

  /** http://<accepted host> only: "null" and other schemes are refused. */
  acceptsOrigin(origin: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.protocol !== "http:" || url.origin !== origin.toLowerCase().replace(/\/$/, "")) return false;
    return this.acceptsHost(url.port ? url.host : `${url.hostname}:80`);
  }

  /** Every request and upgrade: a Host that is not this server is a DNS-rebinding attempt (421). */
  checkHost(req: IncomingMessage): Refusal | null {
    const host = req.headers.host;
    if (this.acceptsHost(host)) return null;
    return {
      status: 421,
      message: `This server does not answer to Host "${host ?? ""}" (it answers to ${this.hosts.join(", ")}). Open the app at the address the server printed.`,
    };
  }

  /** Browsers send Origin on cross-origin fetches and sockets and Sec-Fetch-Site on no-cors loads; Node clients send neither. */
  checkOrigin(req: IncomingMessage): Refusal | null {
    const origin = req.headers.origin;
    if (origin !== undefined && !this.acceptsOrigin(origin)) {
      return { status: 403, message: `Requests from other origins are refused: ${origin} is not this server's origin.` };
    }
    const site = req.headers["sec-fetch-site"];
    if (site !== undefined && site !== "same-origin" && site !== "none") {
      return { status: 403, message: `Requests from other sites are refused (Sec-Fetch-Site: ${String(site)}).` };
    }
    return null;
  }
}

/** True when the request body is declared JSON (a cross-site HTML form cannot send that type). */
export function isJsonRequest(req: IncomingMessage): boolean {
  const type = req.headers["content-type"];
  return typeof type === "string" && /^application\/json\s*(?:;|$)/i.test(type);
}
