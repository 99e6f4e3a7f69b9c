// A transaction's budget, measured: work done in units (a push's operations, an erasure's rows) goes on while ctx.meta.getTransactionMetrics() says another unit fits.
import type { TransactionMetrics } from "convex/server";

/** The figures a unit of work spends (the file metrics are for actions, not queries or mutations). */
const MEASURED = ["bytesRead", "documentsRead", "databaseQueries", "documentsWritten", "bytesWritten", "functionsScheduled", "scheduledFunctionArgsBytes"] as const;
type Measured = (typeof MEASURED)[number];
type Figures = Record<Measured, number>;

/**
 * The share of each transaction limit that work in units may fill: a transaction stops taking
 * units once the next one, as large as the largest it has measured, could pass this share. It
 * leaves room for what the transaction does after its last unit (a push's announcements, an
 * erasure's next continuation) and for a unit larger than any before it, so the transaction stays
 * within half of every limit (DESIGN.md, "Convex's limits are part of the API").
 */
export const SAFE_SHARE = 0.3;

/** What `hasRoom` needs of a query or mutation context. */
export type MetricsCtx = { meta: { getTransactionMetrics(): Promise<TransactionMetrics> } };

/**
 * Measures a transaction between units of work. Call `hasRoom()` before each unit: it reads what
 * the transaction has used so far (everything since the previous call is one unit), and answers
 * whether another unit as large as the largest measured still keeps every figure within `share`
 * of its limit, and fewer than `maxUnits` units were taken. The first call answers from what was
 * used before any unit (e.g. an erasing transaction's own writes). `atLeastOne`: the first unit
 * is taken whatever was used before it, so work split into such transactions always moves on
 * (a unit too large for any transaction fails alone).
 */
export class TransactionBudget {
  private last: Figures | null = null;
  private readonly largest: Figures = Object.fromEntries(MEASURED.map((key) => [key, 0])) as Figures;
  private units = 0;

  constructor(
    private readonly ctx: MetricsCtx,
    private readonly options: { share?: number; maxUnits?: number; atLeastOne?: boolean } = {},
  ) {}

  /**
   * Whether units of another kind (none of them measured yet, so maybe larger than any so far)
   * may start in this transaction: at most half of `share` used of every limit. Counts no unit.
   */
  async roomForAnotherKind(): Promise<boolean> {
    const metrics = await this.ctx.meta.getTransactionMetrics();
    const share = this.options.share ?? SAFE_SHARE;
    return MEASURED.every((key) => metrics[key].used <= (share / 2) * (metrics[key].used + metrics[key].remaining));
  }

  /** Whether one more unit fits (see the class); counts it when it does. */
  async hasRoom(): Promise<boolean> {
    if (this.units >= (this.options.maxUnits ?? Infinity)) return false;
    const metrics = await this.ctx.meta.getTransactionMetrics();
    const share = this.options.share ?? SAFE_SHARE;
    const used = {} as Figures;
    let fits = true;
    for (const key of MEASURED) {
      const { used: now, remaining } = metrics[key];
      used[key] = now;
      if (this.last) this.largest[key] = Math.max(this.largest[key], now - this.last[key]);
      if (now + this.largest[key] > share * (now + remaining)) fits = false;
    }
    this.last = used;
    if (!fits && !(this.options.atLeastOne && this.units === 0)) return false;
    this.units += 1;
    return true;
  }
}
