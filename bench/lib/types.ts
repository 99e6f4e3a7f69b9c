// What a benchmark is and what it reports: named metrics with their baseline measured in the same run.

/** One figure of `npm run bench` (also the shape of each entry of bench/results.json). */
export type Metric = {
  value: number;
  unit: string;
  /** The same thing done the plain way, measured in the same run. */
  baseline?: number;
  /** How the value compares with the baseline (the notes say which way round). */
  ratio?: number;
  /** The target, in words (e.g. "≥ 10× and < 3000 ms"). */
  goal?: string;
  met?: boolean;
  notes?: string;
};

export type Metrics = Record<string, Metric>;

/**
 * A benchmark: a file `bench/<name>.bench.ts` whose default export is one of these. The runner
 * runs each in its own Node process (fake-indexeddb, fresh globals), one after the other.
 */
export type Benchmark = {
  /** Short description printed before it runs. */
  title: string;
  /** Rough duration, for the runner's timeout (default 180 s). */
  timeoutSeconds?: number;
  run(log: (line: string) => void): Promise<Metrics>;
};

export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark;
}

/** p50/p99/max of a list of samples (nearest rank). */
export function percentiles(values: number[]): { samples: number; p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { samples: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

/** Rounds to `digits` decimals (results.json stays readable). */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
