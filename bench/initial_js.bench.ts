// initial_js_gzip: the gzip size of the JavaScript the first route loads (entry + static imports), from a fresh build.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "./lib/backend";
import { defineBenchmark, round } from "./lib/types";

const GOAL_KB = 100;

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };

async function build(outDir: string): Promise<void> {
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--outDir", outDir, "--emptyOutDir", "--manifest", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`vite build failed (${code}):\n${output.slice(-2000)}`);
}

const gzipKb = (file: string) => gzipSync(fs.readFileSync(file)).length / 1024;

/** index.html's module scripts and modulepreload links, as paths under outDir. */
function htmlScripts(outDir: string): string[] {
  const html = fs.readFileSync(path.join(outDir, "index.html"), "utf8");
  const found = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src && /type="module"/.test(tag)) found.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && /rel="modulepreload"/.test(tag)) found.add(href);
  }
  return [...found].map((url) => url.replace(/^\//, ""));
}

/** The entry chunks of the manifest and everything they import statically (not dynamic imports). */
function staticClosure(outDir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, ".vite/manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry && key.endsWith(".html")) visit(key);
  return [...files];
}

function allJs(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === ".vite" ? [] : allJs(full, base);
    return entry.name.endsWith(".js") ? [path.relative(base, full)] : [];
  });
}

export default defineBenchmark({
  title: "initial_js_gzip: JavaScript the first route loads, gzip (vs all of the build's JavaScript)",
  timeoutSeconds: 300,
  async run(log) {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "whispers-bench-build-"));
    try {
      const started = performance.now();
      await build(outDir);
      log(`  built in ${Math.round((performance.now() - started) / 1000)} s`);
      const initial = new Set([...htmlScripts(outDir), ...staticClosure(outDir)].filter((f) => f.endsWith(".js")));
      const initialKb = [...initial].reduce((sum, file) => sum + gzipKb(path.join(outDir, file)), 0);
      const appJs = allJs(outDir).filter((file) => file.startsWith("assets/"));
      const totalKb = appJs.reduce((sum, file) => sum + gzipKb(path.join(outDir, file)), 0);
      const largest = [...initial]
        .map((file) => ({ file: path.basename(file), kb: gzipKb(path.join(outDir, file)) }))
        .sort((a, b) => b.kb - a.kb)
        .slice(0, 4)
        .map((f) => `${f.file} ${f.kb.toFixed(1)} KB`);
      log(`  first route: ${initial.size} files, ${initialKb.toFixed(1)} KB gzip (largest: ${largest.join(", ")})`);
      log(`  whole build: ${appJs.length} JS files, ${totalKb.toFixed(1)} KB gzip`);
      return {
        initial_js_gzip: {
          value: round(initialKb, 1),
          unit: "KB",
          baseline: round(totalKb, 1),
          ratio: round(initialKb / totalKb, 2),
          goal: `≤ ${GOAL_KB} KB`,
          met: initialKb <= GOAL_KB,
          notes:
            `vite build: index.html's module scripts + modulepreload links + their static imports (manifest), gzip (zlib default level); ` +
            `${initial.size} files, largest ${largest.join(", ")}. Baseline: every JS chunk of the build (assets/, ${appJs.length} files; ` +
            "the service worker not counted). ratio = value / baseline (the first route's share).",
        },
      };
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  },
});
