// HTTP actions from convex/http.ts, served under their own paths through convex-test's t.fetch.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Engine } from "../engine/engine";
import { readBody } from "./respond";

type Router = { lookup(path: string, method: string): unknown };

const MAX_BODY = 16 * 1024 * 1024;

export class HttpActions {
  private router: Router | null | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly durable: () => Promise<void>,
  ) {}

  private async load(): Promise<Router | null> {
    if (this.router === undefined) {
      const module = this.engine.functions.hasModule("http") ? await this.engine.functions.load("http") : null;
      const router = module?.default as Router | undefined;
      this.router = router && typeof router.lookup === "function" ? router : null;
    }
    return this.router;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const router = await this.load();
    const method = req.method ?? "GET";
    if (!router || !router.lookup(url.pathname, method === "HEAD" ? "GET" : method)) return false;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const hasBody = method !== "GET" && method !== "HEAD";
    const body = hasBody ? new Uint8Array(await readBody(req, MAX_BODY)) : undefined;
    const response = await this.engine.fetch(url.pathname + url.search, { method, headers, body });
    await this.durable();
    const bytes = Buffer.from(await response.arrayBuffer());
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      out[name] = value;
    });
    res.writeHead(response.status, { ...out, "Content-Length": String(bytes.length) });
    res.end(method === "HEAD" ? undefined : bytes);
    return true;
  }
}
