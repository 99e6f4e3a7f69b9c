// Date frozen for a whole query or mutation, as Convex does: every Date.now() and new Date() in it sees the time it began.

/** The running top-level transaction's start (null between them) and its caller's Math.random (conflict tests replay one). */
export type TransactionClock = { nowMs: number | null; random: (() => number) | null };

const RealDate = Date;

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
 * convex-test gives each handler its own globals, so assigning globalThis.Date there holds for that run only.
 * Actions are left alone: their clock runs, as on Convex.
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
