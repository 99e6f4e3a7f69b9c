// The scale suite's backend: convex-test with Convex's transaction limits on, the local backend's indexed scans, and every transaction's figures recorded.
import { convexToJson, type Value } from "convex/values";
import { convexTest } from "convex-test";
import { installDbHooks } from "../../../local-backend/engine/dbHooks";
import { DocIndex } from "../../../local-backend/engine/docIndex";
import { captureConvexGlobal } from "../../../local-backend/engine/internals";
import type { Doc, TableNames } from "../../_generated/dataModel";
import schema from "../../schema";
import { modules, type TestConvex } from "../test.setup";

/** What one transaction used, as `ctx.meta.getTransactionMetrics()` reports it, plus its return value's size and longest array. */
export type Figures = {
  bytesRead: number;
  documentsRead: number;
  databaseQueries: number;
  documentsWritten: number;
  bytesWritten: number;
  functionsScheduled: number;
  returnBytes: number;
  largestArray: number;
};

/** Convex's limit for each figure (docs "Limits": transactions, values, return values). */
export const LIMITS: Figures = {
  bytesRead: 16 * 2 ** 20,
  documentsRead: 32_000,
  databaseQueries: 4_096,
  documentsWritten: 16_000,
  bytesWritten: 16 * 2 ** 20,
  functionsScheduled: 1_000,
  returnBytes: 16 * 2 ** 20,
  largestArray: 8_192,
};

/**
 * One top-level run of a function: a query or mutation (its own transaction: called by the test,
 * by an action or by the scheduler) or an action (no transaction figures, only its return value).
 * `error`: the run threw (a limit, a refusal, a bug) and its transaction rolled back.
 */
export type Run = { fn: string; kind: "query" | "mutation" | "action"; figures: Figures; error?: string };

type RegisteredFunction = {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  _handler: (ctx: unknown, args: unknown) => Promise<unknown>;
};
type MetricsCtx = { meta: { getTransactionMetrics(): Promise<Record<string, { used: number }>> } };

let recording: Run[] | null = null;
/** Depth of query/mutation handlers in progress: a nested ctx.runQuery/runMutation shares its caller's transaction. */
let depth = 0;

/** The longest array anywhere in `value`. */
function largestArray(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((max: number, item) => Math.max(max, largestArray(item)), value.length);
  if (value !== null && typeof value === "object") {
    return Object.values(value).reduce((max: number, item) => Math.max(max, largestArray(item)), 0);
  }
  return 0;
}

function returnFigures(result: unknown): Pick<Figures, "returnBytes" | "largestArray"> {
  const json = JSON.stringify(convexToJson((result ?? null) as Value));
  return { returnBytes: Buffer.byteLength(json), largestArray: largestArray(result) };
}

const NO_TRANSACTION = { bytesRead: 0, documentsRead: 0, databaseQueries: 0, documentsWritten: 0, bytesWritten: 0, functionsScheduled: 0 };

async function transactionFigures(ctx: MetricsCtx) {
  const metrics = await ctx.meta.getTransactionMetrics();
  return {
    bytesRead: metrics.bytesRead.used,
    documentsRead: metrics.documentsRead.used,
    databaseQueries: metrics.databaseQueries.used,
    documentsWritten: metrics.documentsWritten.used,
    bytesWritten: metrics.bytesWritten.used,
    functionsScheduled: metrics.functionsScheduled.used,
  };
}

/**
 * `handler` recording each top-level run into the current recording: a query or mutation reads
 * its transaction's figures when it returns or throws (its transaction is still open then, so
 * they are exactly what it used, a limit's overshoot included); a nested call is part of its
 * caller's transaction and is not recorded on its own.
 */
function recorded(fn: string, kind: Run["kind"], handler: RegisteredFunction["_handler"]): RegisteredFunction["_handler"] {
  if (kind === "action") {
    return async (ctx, args) => {
      const result = await handler(ctx, args);
      recording?.push({ fn, kind, figures: { ...NO_TRANSACTION, ...returnFigures(result) } });
      return result;
    };
  }
  return async (ctx, args) => {
    const top = depth === 0;
    depth += 1;
    try {
      const result = await handler(ctx, args);
      if (top && recording) recording.push({ fn, kind, figures: { ...(await transactionFigures(ctx as MetricsCtx)), ...returnFigures(result) } });
      return result;
    } catch (error) {
      if (top && recording) {
        const message = error instanceof Error ? error.message : String(error);
        recording.push({ fn, kind, figures: { ...(await transactionFigures(ctx as MetricsCtx)), returnBytes: 0, largestArray: 0 }, error: message });
      }
      throw error;
    } finally {
      depth -= 1;
    }
  };
}

function kindOf(value: unknown): Run["kind"] | null {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return null;
  const fn = value as Partial<RegisteredFunction>;
  if (typeof fn._handler !== "function") return null;
  return fn.isQuery ? "query" : fn.isMutation ? "mutation" : fn.isAction ? "action" : null;
}

/** test.setup's module map with every registered function's handler recorded (same functions, same validators). */
function measuredModules(): typeof modules {
  const wrapped: Record<string, () => Promise<unknown>> = {};
  for (const [file, load] of Object.entries(modules)) {
    const modulePath = file.replace(/^\.\//, "").replace(/\.[jt]s$/, "");
    let cached: Promise<unknown> | undefined;
    wrapped[file] = () =>
      (cached ??= load().then((exports) => {
        const out: Record<string, unknown> = { ...(exports as Record<string, unknown>) };
        for (const [name, value] of Object.entries(out)) {
          const kind = kindOf(value);
          if (kind === null) continue;
          const handler = recorded(`${modulePath}:${name}`, kind, (value as RegisteredFunction)._handler);
          out[name] = new Proxy(value as object, {
            get: (target, prop, receiver) => (prop === "_handler" ? handler : Reflect.get(target, prop, receiver)),
          });
        }
        return out;
      }));
  }
  return wrapped as typeof modules;
}

/** A backend for the scale suite, and its committed documents for checking what a path left (no limits, no figures). */
export type Scale = { t: TestConvex; documents: <T extends TableNames>(table: T) => Doc<T>[] };

/**
 * A fresh backend for the scale suite: Convex's transaction limits enforced (test.setup's
 * functions and schema), queries answered through the local backend's in-memory indexes
 * (convex-test alone scans every document of the database for each query: hours at these
 * sizes; the indexes change no result and no figure), every function's runs recorded by `measure`.
 */
export async function scaleTest(): Promise<Scale> {
  const t = convexTest({ schema, modules: measuredModules(), transactionLimits: true });
  const { global, done } = captureConvexGlobal(() => t.run(async () => null));
  await done;
  const db = global.components[""].db;
  const index = new DocIndex(db);
  installDbHooks(db, index);
  const manager = global.transactionManager;
  const commit = manager.commit.bind(manager);
  // The indexes follow each top-level commit (before the next transaction can start).
  manager.commit = (isNested) => {
    if (isNested) return commit(isNested);
    const pending = db._writes[db._writes.length - 1] ?? {};
    const before = Object.keys(pending).map((id) => [id, db._documents[id] ?? null] as const);
    const ts = commit(false);
    for (const [id, old] of before) index.applyWrite(id, old, db._documents[id] ?? null);
    return ts;
  };
  const documents = <T extends TableNames>(table: T) => [...index.idsOf(table)].map((id) => db._documents[id] as unknown as Doc<T>);
  return { t, documents };
}

/** What a path did: every top-level function run it caused (scheduled ones included) in order, how it ended, how long it took. */
export type Measured = { runs: Run[]; error: unknown; seconds: number };

/** Runs `path`, recording; never throws (a failure is returned in `error`, so its figures can still be reported). */
export async function measure(path: () => Promise<unknown>): Promise<Measured> {
  if (recording) throw new Error("measure() calls cannot overlap");
  const runs: Run[] = [];
  const started = performance.now();
  let error: unknown;
  recording = runs;
  try {
    await path();
  } catch (thrown) {
    error = thrown ?? new Error("the path threw a nullish value");
  } finally {
    recording = null;
  }
  return { runs, error, seconds: (performance.now() - started) / 1000 };
}
