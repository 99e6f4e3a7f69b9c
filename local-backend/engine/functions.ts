// Looking up a registered Convex function by udfPath and deciding whether clients may call it.
import type { ModuleMap } from "./modules";

export type FunctionKind = "query" | "mutation" | "action";

type Registered = {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  isInternal?: boolean;
};

/** A client-visible error (never a function's own failure): unknown, internal or wrong-kind functions. */
export class FunctionLookupError extends Error {}

/** "users.js:me" / "users:me" → {modulePath: "users", exportName: "me", udfPath: "users:me"}. */
export function parseUdfPath(udfPath: string): { modulePath: string; exportName: string; udfPath: string } {
  const [rawModule, rawExport] = udfPath.split(":");
  const modulePath = rawModule.replace(/\.js$/, "");
  const exportName = rawExport && rawExport.length > 0 ? rawExport : "default";
  return { modulePath, exportName, udfPath: `${modulePath}:${exportName}` };
}

export class FunctionDirectory {
  private readonly byModule = new Map<string, () => Promise<Record<string, unknown>>>();

  constructor(modules: ModuleMap, convexDir: string) {
    const prefix = convexDir.endsWith("/") ? convexDir : convexDir + "/";
    for (const [file, load] of Object.entries(modules)) {
      if (!file.startsWith(prefix)) continue;
      this.byModule.set(file.slice(prefix.length).replace(/\.[^./]+$/, ""), load);
    }
  }

  hasModule(modulePath: string): boolean {
    return this.byModule.has(modulePath);
  }

  async load(modulePath: string): Promise<Record<string, unknown> | null> {
    const load = this.byModule.get(modulePath);
    return load ? await load() : null;
  }

  async resolve(udfPath: string, options: { allowInternal: boolean }): Promise<{ udfPath: string; kind: FunctionKind }> {
    const parsed = parseUdfPath(udfPath);
    if (parsed.modulePath.startsWith("_") || parsed.modulePath.includes("..")) {
      throw new FunctionLookupError(`Could not find public function for '${parsed.udfPath}'`);
    }
    const module = await this.load(parsed.modulePath);
    const fn = module?.[parsed.exportName] as Registered | undefined;
    const kind: FunctionKind | null = fn?.isQuery ? "query" : fn?.isMutation ? "mutation" : fn?.isAction ? "action" : null;
    if (!fn || kind === null) {
      throw new FunctionLookupError(`Could not find public function for '${parsed.udfPath}'. Did you forget to run \`npx convex dev\`?`);
    }
    if (!options.allowInternal && (fn.isInternal === true || fn.isPublic !== true)) {
      // Same answer as for a missing function: internal functions are invisible to clients.
      throw new FunctionLookupError(`Could not find public function for '${parsed.udfPath}'. Did you forget to run \`npx convex dev\`?`);
    }
    return { udfPath: parsed.udfPath, kind };
  }
}
