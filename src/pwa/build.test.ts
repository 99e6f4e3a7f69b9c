// Build test: `vite build` into a temp dir yields the service worker, a complete manifest and an app-shell precache.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build, createLogger, type Logger } from "vite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { THEME_COLORS } from "./themeColor";

const ROOT = path.resolve(import.meta.dirname, "../..");
let outDir = "";
/** Every warning the build printed (its logger's and any plugin's console.warn): `npm start` must show none. */
const warnings: string[] = [];

/** Vite's logger at the level `npm start` uses (warn), keeping what it would print. */
function recordingLogger(): Logger {
  const logger = createLogger("warn");
  const keep = (msg: string) => void warnings.push(msg);
  return { ...logger, warn: keep, warnOnce: keep, error: keep };
}

type Icon = { src: string; sizes: string; type?: string; purpose?: string };
type Manifest = Record<string, unknown> & {
  icons: Icon[];
  screenshots: Array<Icon & { form_factor?: string; label?: string }>;
  shortcuts: Array<{ name: string; url: string }>;
};

const read = (file: string) => readFileSync(path.join(outDir, file), "utf8");
const fileOf = (src: string) => path.join(outDir, src.replace(/^\//, ""));

/** The precache entries injected into sw.js in place of self.__WB_MANIFEST. */
function precacheUrls(sw: string): string[] {
  return [...sw.matchAll(/\{"revision":(?:null|"[0-9a-f]+"),"url":"([^"]+)"\}/g)].map((m) => m[1]);
}

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), "whispers-pwa-build-"));
  const consoleWarn = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void warnings.push(args.join(" ")));
  try {
    await build({
      root: ROOT,
      configFile: path.join(ROOT, "vite.config.ts"),
      mode: "production",
      logLevel: "warn",
      customLogger: recordingLogger(),
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    consoleWarn.mockRestore();
  }
}, 60_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe("the PWA build", () => {
  it("prints no warning (no large chunk, no deprecated option: a newcomer's npm start shows only what they need)", () => {
    expect(warnings).toEqual([]);
  });

  it("emits the service worker without leaving the injection point", () => {
    expect(existsSync(path.join(outDir, "sw.js"))).toBe(true);
    const sw = read("sw.js");
    expect(sw).not.toContain("self.__WB_MANIFEST");
    expect(sw).toContain("whispers-outbox");
    expect(sw).toContain("whispers-media");
  });

  it("writes a complete manifest", () => {
    const manifest = JSON.parse(read("manifest.webmanifest")) as Manifest;
    expect(manifest).toMatchObject({
      name: "Whispers",
      short_name: "Whispers",
      id: "/",
      start_url: "/",
      scope: "/",
      display: "standalone",
      theme_color: THEME_COLORS.light,
      background_color: THEME_COLORS.light,
    });
    expect(String(manifest.description).length).toBeGreaterThan(20);
    expect(manifest.categories).toEqual(expect.arrayContaining(["social"]));
    const has = (size: string, purpose: string) =>
      manifest.icons.some((icon) => icon.sizes === size && (icon.purpose ?? "any").split(" ").includes(purpose));
    for (const size of ["192x192", "512x512"]) {
      expect(has(size, "any"), `${size} any`).toBe(true);
      expect(has(size, "maskable"), `${size} maskable`).toBe(true);
    }
    expect(manifest.screenshots.map((s) => s.form_factor).sort()).toEqual(["narrow", "wide"]);
    expect(manifest.shortcuts.map((s) => [s.name, s.url])).toEqual([
      ["New whisper", "/new"],
      ["Mood", "/mood"],
    ]);
  });

  it("ships every icon and screenshot the manifest names, at the stated size", () => {
    const manifest = JSON.parse(read("manifest.webmanifest")) as Manifest;
    for (const image of [...manifest.icons, ...manifest.screenshots]) {
      const file = fileOf(image.src);
      expect(existsSync(file), image.src).toBe(true);
      const png = readFileSync(file);
      const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      expect(`${width}x${height}`, image.src).toBe(image.sizes);
    }
    const [narrow, wide] = ["narrow", "wide"].map((f) => manifest.screenshots.find((s) => s.form_factor === f)!);
    const dims = (s: Icon) => s.sizes.split("x").map(Number);
    expect(dims(narrow)[1]).toBeGreaterThan(dims(narrow)[0]);
    expect(dims(wide)[0]).toBeGreaterThan(dims(wide)[1]);
  });

  it("links the manifest and both theme colours from index.html", () => {
    const html = read("index.html");
    expect(html.match(/rel="manifest"/g)).toHaveLength(1);
    expect(html).toContain(`name="theme-color" media="(prefers-color-scheme: light)" content="${THEME_COLORS.light}"`);
    expect(html).toContain(`name="theme-color" media="(prefers-color-scheme: dark)" content="${THEME_COLORS.dark}"`);
    expect(html).toContain('rel="apple-touch-icon"');
  });

  it("precaches the app shell: index.html, its scripts and styles, the manifest and icons", () => {
    const urls = precacheUrls(read("sw.js"));
    const html = read("index.html");
    const shell = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(shell.length).toBeGreaterThanOrEqual(2);
    expect(urls).toEqual(expect.arrayContaining(["index.html", "manifest.webmanifest", "pwa-192x192.png", ...shell]));
    expect(urls.filter((u) => u.endsWith(".js") && u.startsWith("assets/")).length).toBeGreaterThanOrEqual(1);
    expect(urls.some((u) => u.endsWith(".map") || u.startsWith("screenshots/"))).toBe(false);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it("ships dist/_headers for static hosts (CSP, framing, sniffing), not precached; index.html has no inline script", () => {
    const headers = read("_headers");
    expect(headers).toMatch(/^\/\*$/m);
    expect(headers).toMatch(/^ {2}Content-Security-Policy: default-src 'self'; script-src 'self';.*frame-ancestors 'none'$/m);
    expect(headers).toMatch(/^ {2}X-Content-Type-Options: nosniff$/m);
    expect(headers).toMatch(/^ {2}X-Frame-Options: DENY$/m);
    expect(precacheUrls(read("sw.js"))).not.toContain("_headers");
    expect(read("index.html")).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
