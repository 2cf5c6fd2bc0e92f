// Types of measure.mjs, for the benchmarks written in TypeScript.

export const MIN_RUNS: number;

export function benchRuns(fallback: number): number;

export function percentile(values: readonly number[], p: number): number;

export function stats(values: readonly number[]): { runs: number; median: number; p90: number };

type Timed = (run: number) => unknown;

export function sample(fn: Timed, options?: { runs?: number; warmup?: number }): Promise<number[]>;

export function sampleBeside(
  fn: Timed,
  baselineFn: Timed,
  options?: { runs?: number; warmup?: number },
): Promise<{ values: number[]; baseline: number[] }>;

export function report(figure: {
  name: string;
  values: readonly number[];
  unit?: string;
  baseline?: { name: string; values: readonly number[] };
  below?: number;
  note?: string;
}): boolean;

export function reportSize(figure: { name: string; value: number; unit?: string; below?: number }): boolean;

export function healthCheck(base: string): () => Promise<void>;
