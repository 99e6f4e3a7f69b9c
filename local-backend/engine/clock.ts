// Date frozen for a whole query or mutation, as Convex does: every Date.now() and new Date() in it sees the time it began.

/**
 * The top-level transaction in progress: when it began (ms; null between transactions) and,
 * if its caller chose one, the Math.random it uses (write-conflict tests replay one sequence).
 */
export type TransactionClock = { nowMs: number | null; random: (() => number) | null };

const RealDate = Date;

/** A Date constructor whose present is `nowMs` (Date.now(), new Date(), Date()); everything else is Date's. */
export function frozenDate(nowMs: number): DateConstructor {
  const frozen: DateConstructor = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, args.length === 0 ? [nowMs] : args, newTarget === frozen ? target : newTarget) as object;
    },
    apply() {
      return new RealDate(nowMs).toString();
    },
    get(target, property, receiver) {
      return property === "now" ? () => nowMs : (Reflect.get(target, property, receiver) as unknown);
    },
  });
  return frozen;
}

type Registered = { isQuery?: boolean; isMutation?: boolean; _handler?: (ctx: unknown, args: unknown) => unknown };

/**
 * A module's exports with each query and mutation replaced by a copy whose handler first sets
 * `Date` to the clock's frozen time. convex-test runs every handler with its own overrides of
 * the globals: an assignment to globalThis.Date inside a handler lands there, so it holds for that
 * run (its awaits included) and for nothing else. Nested calls (ctx.runQuery in a mutation) see
 * the same time, since the clock belongs to the top-level transaction. Actions are left alone
 * (their clock runs, as on Convex). Math.random is replaced the same way when the clock has one.
 */
export function withFrozenClock(exports: Record<string, unknown>, clock: TransactionClock): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(exports)) {
    const fn = value as Registered | null;
    const handler = fn?._handler;
    if ((typeof fn !== "function" && typeof fn !== "object") || fn === null || !(fn.isQuery || fn.isMutation) || typeof handler !== "function") {
      out[name] = value;
      continue;
    }
    out[name] = Object.create(fn, {
      _handler: {
        value: (ctx: unknown, args: unknown) => {
          if (clock.nowMs !== null) globalThis.Date = frozenDate(clock.nowMs);
          if (clock.random !== null) globalThis.Math = Object.assign(Object.create(Math) as Math, { random: clock.random });
          return handler(ctx, args);
        },
      },
    }) as unknown;
  }
  return out;
}
