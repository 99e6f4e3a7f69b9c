// The app against the real local backend in Chromium: no CSP violation while people sign in, whisper and open media; a page on
// another origin (or a rebound DNS name) gets no dev token, no function call, no sync socket and cannot frame the app; uploaded
// SVG and HTML never run on the app's origin.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext, ConsoleMessage, Page } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "../scripts/chromium";
import { dismissNotices, newDevice, openConversationNamed, openConversationWith, sendText, signIn, signUp, uniqueName, waitForSync, whisper } from "./support/app";
import { expect, test } from "./support/fixtures";
import { gradientPng } from "./support/png";

type Violation = { page: string; directive: string; blocked: string; sample: string };

/** Records every `securitypolicyviolation` event and console CSP error in the context's pages (attach before the first page loads). */
async function watchCsp(context: BrowserContext, violations: Violation[]): Promise<void> {
  await context.exposeBinding("__cspViolation", ({ page }, v: Omit<Violation, "page">) => void violations.push({ page: page.url(), ...v }));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (v: unknown) => void }).__cspViolation({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        sample: e.sample,
      });
    });
  });
  const onPage = (page: Page) =>
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) {
        violations.push({ page: page.url(), directive: "console", blocked: "", sample: message.text() });
      }
    });
  context.pages().forEach(onPage);
  context.on("page", onPage);
}

test("the app raises no CSP violation: sign-up, onboarding, a conversation, an image preview, pictures and voice from storage, a cold start", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const violations: Violation[] = [];
  const a = await newDevice(browser, baseURL!);
  const b = await newDevice(browser, baseURL!);
  const demo = await newDevice(browser, baseURL!);
  try {
    for (const device of [a, b, demo]) await watchCsp(device.context, violations);
    // The policy is really there (without it "no violation" would prove nothing).
    const signin = await a.page.goto("/signin");
    const csp = (await signin!.allHeaders())["content-security-policy"] ?? "";
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");

    const names = { a: uniqueName("csp"), b: uniqueName("pol") };
    await signUp(a.page, names.a, "Csp Tester");
    await signUp(b.page, names.b, "Pol Reader");
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    // A picture picked to send is previewed from a blob: URL (img-src blob:), then removed: uploads are not part of this test.
    await a.page.getByLabel("Attach image").setInputFiles({ name: "pic.png", mimeType: "image/png", buffer: gradientPng(320, 240) });
    const preview = a.page.getByRole("img", { name: "Image to send" });
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await a.page.getByRole("button", { name: "Remove image" }).click();
    await sendText(a.page, "Hello under CSP");
    await expect(whisper(a.page, "Hello under CSP")).toContainText(/Delivered|Read/, { timeout: 30_000 });
    await openConversationNamed(b.page, /Hello under CSP/);
    await sendText(b.page, "Reply under CSP");
    await expect(whisper(a.page, "Reply under CSP")).toBeVisible({ timeout: 30_000 });

    // Files served by the backend: the demo picture and voice whisper between Alice and Bob.
    await signIn(demo.page, "alice");
    await waitForSync(demo.page);
    await openConversationNamed(demo.page, /Bob/);
    const thumb = demo.page.getByRole("list", { name: "Whispers" }).getByRole("img", { name: /Image from/ }).first();
    await thumb.scrollIntoViewIfNeeded();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
    const player = demo.page.getByRole("list", { name: "Whispers" }).getByRole("group", { name: /^Voice whisper from / }).first();
    await player.scrollIntoViewIfNeeded();
    const audio = player.locator("audio");
    await audio.evaluate((el: HTMLAudioElement) => {
      el.muted = true;
      return el.play();
    });
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime), { timeout: 15_000 }).toBeGreaterThan(0);

    // A cold start paints the list snapshot (markup with style attributes) before the app loads.
    await b.page.goto("/");
    await expect(b.page.getByRole("list", { name: "Conversations" }).getByRole("link").first()).toBeVisible();
    await b.page.waitForTimeout(2500);
    await b.page.reload();
    await expect(b.page.getByRole("list", { name: "Conversations" }).getByRole("link").first()).toBeVisible();
    // The service worker still registers and controls the page under worker-src 'self'.
    expect(await b.page.evaluate(async () => Boolean((await navigator.serviceWorker.ready).active))).toBe(true);
    await waitForSync(b.page);
    expect(violations).toEqual([]);

    // The watch sees a violation when there is one: an inline script is refused and reported.
    const ran = await b.page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true";
      document.head.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.map((v) => v.directive)).toContain("script-src-elem");
  } finally {
    await Promise.all([a.context.close(), b.context.close(), demo.context.close()]);
  }
});

/** A tiny server on another port of 127.0.0.1: another origin (only the port differs), serving `html` at every path. */
async function otherOrigin(html: (backend: string) => string, backend: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html(backend));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Answer = { method: string; path: string; status: number };

/** Every HTTP answer the page gets from `backend`, as DevTools sees them on the wire (live array). */
async function backendAnswers(page: Page, backend: string): Promise<Answer[]> {
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map<string, { method: string; path: string }>();
  // DevTools may report a response's ExtraInfo before the request itself (CI lost a 403 that way): keep either until both are in.
  const statuses = new Map<string, number>();
  const answers: Answer[] = [];
  cdp.on("Network.requestWillBeSent", (e) => {
    if (!e.request.url.startsWith(backend)) return;
    const request = { method: e.request.method, path: new URL(e.request.url).pathname };
    const status = statuses.get(e.requestId);
    if (status === undefined) requests.set(e.requestId, request);
    else answers.push({ ...request, status });
  });
  cdp.on("Network.responseReceivedExtraInfo", (e) => {
    const request = requests.get(e.requestId);
    if (request) answers.push({ ...request, status: e.statusCode });
    else statuses.set(e.requestId, e.statusCode);
  });
  await cdp.send("Network.enable");
  return answers;
}

type Attempt = { token: string; call: string; health: string; socket: string };

/** What a page can do with the backend: read a dev token, call a function, read /health, open the sync socket (run in the page). */
async function attempt(page: Page, backend: string, syncPath: string): Promise<Attempt> {
  return await page.evaluate(
    async ({ backend, sync }) => {
      const read = (r: Response) => r.text().then((text) => `read ${r.status}: ${text.slice(0, 80)}`);
      const json = { "Content-Type": "application/json" };
      const token = await fetch(`${backend}/auth/dev/token`, { method: "POST", headers: json, body: JSON.stringify({ username: "dave" }) }).then(read, () => "refused");
      const call = await fetch(`${backend}/api/query`, { method: "POST", headers: json, body: JSON.stringify({ path: "featureFlags:list", args: {}, format: "json" }) }).then(read, () => "refused");
      const health = await fetch(`${backend}/health`).then(read, () => "refused");
      // What a plain form could do: text/plain POSTs whose answers the page cannot read, but which must not act.
      const body = JSON.stringify({ username: "dave" });
      await fetch(`${backend}/auth/dev/token`, { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body });
      await fetch(`${backend}/api/mutation`, { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: JSON.stringify({ path: "users:setMood", args: { mood: "happy" } }) });
      const socket = await new Promise<string>((resolve) => {
        const ws = new WebSocket(`${backend.replace("http:", "ws:")}${sync}`);
        ws.onopen = () => {
          ws.close();
          resolve("open");
        };
        ws.onerror = () => resolve("closed");
      });
      return { token, call, health, socket };
    },
    { backend, sync: syncPath },
  );
}

test("a page on another origin gets no dev token, no function call, no sync socket, and cannot frame the app", async ({ page, baseURL }) => {
  const backend = baseURL!;
  const { syncPath } = (await (await fetch(`${backend}/health`)).json()) as { syncPath: string };

  // The same calls from the app's own origin work: the refusals below are about the origin, nothing else.
  await page.goto(`${backend}/signin`);
  const own = await attempt(page, backend, syncPath);
  expect(own.token).toMatch(/^read 200: \{"token":"/);
  expect(own.call).toMatch(/^read 200: /);
  expect(own.health).toMatch(/^read 200: \{"ok":true/);
  expect(own.socket).toBe("open");

  const attacker = await otherOrigin((target) => `<!doctype html><title>elsewhere</title><iframe id="victim" src="${target}/"></iframe>`, backend);
  try {
    // What the backend answered, preflights and CORS-refused answers included (DevTools protocol: Playwright's
    // response events skip both), and what Chromium said. Chromium does not block loopback-to-loopback requests.
    const answers = await backendAnswers(page, backend);
    const consoleLines: string[] = [];
    page.on("console", (message: ConsoleMessage) => void consoleLines.push(message.text()));
    await page.goto(attacker.url);
    const outcome = await attempt(page, backend, syncPath);
    expect(outcome).toEqual({ token: "refused", call: "refused", health: "refused", socket: "closed" });

    // The backend itself refused: 403 to the preflights of the JSON calls, to the form-like POSTs and to /health…
    const expected = [
      { method: "OPTIONS", path: "/auth/dev/token", status: 403 },
      { method: "OPTIONS", path: "/api/query", status: 403 },
      { method: "GET", path: "/health", status: 403 },
      { method: "POST", path: "/auth/dev/token", status: 403 },
      { method: "POST", path: "/api/mutation", status: 403 },
    ];
    await expect.poll(() => answers.filter((a) => a.path !== "/")).toEqual(expect.arrayContaining(expected));
    expect(answers.filter((a) => a.path !== "/" && a.status !== 403)).toEqual([]);
    // …and its refusal of the socket's handshake.
    expect(consoleLines.some((line) => /WebSocket connection to .*failed: .*Unexpected response code: 403/.test(line))).toBe(true);

    // frame-ancestors 'none': the frame shows the browser's error page, not the app.
    const frame = page.frames().find((f) => f !== page.mainFrame());
    await expect.poll(() => frame?.url()).toMatch(/^chrome-error:/);
    expect(consoleLines.some((line) => /Framing '.*' violates the following Content Security Policy directive: "frame-ancestors 'none'"/.test(line))).toBe(true);
  } finally {
    await attacker.close();
  }
});

test("a DNS name rebound to the backend (Host: another name) gets 421: no app page, no dev token", async ({ playwright, baseURL }) => {
  const port = new URL(baseURL!).port;
  // Chromium resolves rebind.test to the loopback address, as a rebinding attacker's DNS would after the page loaded.
  const browser = await playwright.chromium.launch({
    executablePath: findChromium() ?? "/usr/bin/chromium",
    args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP rebind.test 127.0.0.1"],
  });
  try {
    const page = await browser.newPage();
    const rebound = `http://rebind.test:${port}`;
    const landing = await page.goto(`${rebound}/`);
    expect(landing!.status()).toBe(421);
    expect(await page.content()).not.toContain('id="root"');
    // Same-origin for the page, so it could read the answer: the Host is what refuses it.
    const token = await page.evaluate(async (origin) => {
      const r = await fetch(`${origin}/auth/dev/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: "dave" }) });
      return `${r.status}: ${await r.text()}`;
    }, rebound);
    expect(token).toMatch(/^421: This server does not answer to Host "rebind\.test:/);
  } finally {
    await browser.close();
  }
});

/** Payloads that run script when a browser renders them as SVG or HTML: each reports to `/__xss` on whatever origin shows it. */
const PAYLOADS = [
  {
    name: "SVG",
    type: "image/svg+xml",
    body: `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>fetch("/__xss?svg=" + encodeURIComponent(localStorage.length))</script><rect width="10" height="10"/></svg>`,
  },
  {
    name: "HTML",
    type: "text/html",
    body: `<!doctype html><title>pwned</title><script>fetch("/__xss?html=" + encodeURIComponent(localStorage.length))</script>`,
  },
];

test("an uploaded SVG or HTML file is never served as a page or image on the app's origin", async ({ browser, baseURL }) => {
  const backend = baseURL!;
  const { context, page } = await newDevice(browser, backend);
  try {
    // A signed-in person on the app's origin: what a script running there could steal.
    const username = uniqueName("upl");
    await signUp(page, username, "Uploader");
    const { token } = (await (
      await fetch(`${backend}/auth/dev/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username }) })
    ).json()) as { token: string };
    const xss: string[] = [];
    context.on("request", (request) => {
      if (new URL(request.url()).pathname === "/__xss") xss.push(request.url());
    });

    for (const payload of PAYLOADS) {
      // Through the app's upload URL, declared as what it claims to be.
      const urlResponse = await fetch(`${backend}/api/mutation`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({ path: "files:generateUploadUrl", args: {}, format: "json" }),
      });
      const uploadUrl = ((await urlResponse.json()) as { value: string }).value;
      expect(new URL(uploadUrl).origin).toBe(backend);
      const posted = await fetch(uploadUrl, { method: "POST", headers: { "Content-Type": payload.type }, body: payload.body });
      expect(posted.status, payload.name).toBe(200);
      const { storageId } = (await posted.json()) as { storageId: string };
      expect(posted.headers.get("x-content-type-options")).toBe("nosniff");
      expect(posted.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");

      // Every address a download might have had: the storage id, its sha256, a forged token. None serves the bytes as a document.
      const sha256 = createHash("sha256").update(payload.body).digest("hex");
      for (const path of [`/api/storage/${storageId}`, `/api/storage/${sha256}`, `/api/storage/${storageId}.${"0".repeat(32)}`]) {
        const shown = await page.goto(`${backend}${path}`);
        const headers = await shown!.allHeaders();
        const what = `${payload.name} at ${path}`;
        expect(shown!.status(), what).toBe(404);
        expect(headers["content-type"] ?? "", what).not.toMatch(/svg|html|xml/);
        expect(headers["x-content-type-options"], what).toBe("nosniff");
        expect(headers["content-security-policy"], what).toBe("default-src 'none'; sandbox");
        expect(headers["access-control-allow-origin"], what).toBeUndefined();
        expect(await page.evaluate(() => document.documentElement.outerHTML), what).not.toContain("<script>fetch");
      }
    }

    // A file that is served (the demo picture, attached to a whisper) carries the same sandbox, and its allowlisted type inline.
    const demo = await newDevice(browser, backend);
    await signIn(demo.page, "alice");
    const served = demo.page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/api/storage/") && r.status() === 200, { timeout: 30_000 });
    await openConversationNamed(demo.page, /Bob/);
    await demo.page.getByRole("list", { name: "Whispers" }).getByRole("img", { name: /Image from/ }).first().scrollIntoViewIfNeeded();
    const headers = await (await served).allHeaders();
    await demo.context.close();
    expect(headers["content-type"]).toMatch(/^(image\/(png|jpeg|webp|gif)|audio\/)/);
    expect(headers["content-disposition"]).toBe("inline");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
    expect(headers["cross-origin-resource-policy"]).toBe("same-origin");

    await page.waitForTimeout(500);
    expect(xss).toEqual([]);
  } finally {
    await context.close();
  }
});
