// The project's convex/ functions as a convex-test module map, loaded with dynamic import().
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type ModuleMap = Record<string, () => Promise<Record<string, unknown>>>;

function isFunctionSource(relative: string): boolean {
  if (relative.endsWith(".d.ts") || relative.endsWith(".test.ts")) return false;
  if (relative === "tests/test.setup.ts") return false;
  if (relative.startsWith("_generated/")) return relative.endsWith(".js");
  return relative.endsWith(".ts");
}

function walk(dir: string, base: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, base, out);
    else out.push(path.relative(base, full).split(path.sep).join("/"));
  }
}

/** Includes _generated/*.js: convex-test finds the module root from the key containing `_generated`. */
export function convexModules(
  convexDir: string,
  transform: (exports: Record<string, unknown>) => Record<string, unknown> = (exports) => exports,
): ModuleMap {
  if (!existsSync(path.join(convexDir, "_generated"))) {
    throw new Error(`${convexDir}/_generated is missing: run \`npx convex codegen\``);
  }
  const files: string[] = [];
  walk(convexDir, convexDir, files);
  const modules: ModuleMap = {};
  for (const relative of files.filter(isFunctionSource).sort()) {
    const full = path.join(convexDir, relative);
    // convex-test imports on every call, and each import() crosses tsx's loader thread even when loaded.
    let loaded: Promise<Record<string, unknown>> | undefined;
    modules[full] = () => (loaded ??= (import(pathToFileURL(full).href) as Promise<Record<string, unknown>>).then(transform));
  }
  return modules;
}
