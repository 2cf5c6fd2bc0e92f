// How every benchmark states a figure: at least 7 runs, the median and the 90th percentile, beside a
// baseline measured in the same run on the same machine (GET /health for the worker, an empty
// content script for the page), and the target it is held to. A machine shared with other work
// slows everything down together; the baseline beside each figure shows how much.
//
// `npm run bench` (test/bench/run.mjs) collects every figure reported here and prints them again
// as one table at the end.
import { appendFileSync } from 'node:fs';

/** The fewest runs a figure is taken over. */
export const MIN_RUNS = 7;

/**
 * How many runs to take of a figure: `ROLLCALL_BENCH_RUNS` when set (never fewer than MIN_RUNS),
 * else the benchmark's own count. More runs steady a 90th percentile on a busy machine.
 */
export function benchRuns(fallback) {
  const asked = Number.parseInt(process.env.ROLLCALL_BENCH_RUNS ?? '', 10);
  return Math.max(MIN_RUNS, Number.isFinite(asked) ? asked : fallback);
}

/** The value at the p-th percentile (nearest rank) of some samples. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Median and 90th percentile of some samples. */
export function stats(values) {
  return { runs: values.length, median: percentile(values, 50), p90: percentile(values, 90) };
}

/** Runs `fn` `runs` times one after another (after `warmup` runs not counted); answers each run's ms. */
export async function sample(fn, { runs = MIN_RUNS, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * Samples a figure and its baseline in turns (figure, baseline, figure, …), so both see the same
 * load on the machine. Each function answers its own figure in ms, or nothing to be timed whole.
 */
export async function sampleBeside(fn, baselineFn, { runs = MIN_RUNS, warmup = 1 } = {}) {
  const timed = async (f, i) => {
    const start = performance.now();
    const own = await f(i);
    return typeof own === 'number' ? own : performance.now() - start;
  };
  for (let i = 0; i < warmup; i++) {
    await timed(fn, -1 - i);
    await timed(baselineFn, -1 - i);
  }
  const values = [];
  const baseline = [];
  for (let i = 0; i < runs; i++) {
    values.push(await timed(fn, i));
    baseline.push(await timed(baselineFn, i));
  }
  return { values, baseline };
}

const fmt = (value, unit) =>
  unit === 'ms' ? `${value.toFixed(1)} ms` : unit === 'KB' ? `${value.toFixed(1)} KB` : `${value}`;

/**
 * Prints one figure: median and p90 over its runs, its baseline's beside it, and whether it meets
 * its target (`below`: both the median and the 90th percentile must be under it). Answers whether
 * the target holds (true when there is none).
 *
 * @param {{ name: string, values: number[], unit?: string, baseline?: { name: string, values: number[] },
 *   below?: number, note?: string }} figure
 */
export function report({ name, values, unit = 'ms', baseline, below, note }) {
  const own = stats(values);
  const base = baseline ? { name: baseline.name, ...stats(baseline.values) } : null;
  const met = below === undefined ? null : own.median < below && own.p90 < below;
  const parts = [`${name}: median ${fmt(own.median, unit)}, p90 ${fmt(own.p90, unit)} (${own.runs} runs)`];
  if (base) parts.push(`beside ${base.name}: median ${fmt(base.median, unit)}, p90 ${fmt(base.p90, unit)}`);
  if (below !== undefined)
    parts.push(`target median and p90 < ${fmt(below, unit)}: ${met ? 'met' : 'MISSED'}`);
  if (own.runs < MIN_RUNS) parts.push(`only ${own.runs} runs, fewer than ${MIN_RUNS}`);
  console.log(parts.join(' — ') + (note ? ` (${note})` : ''));
  record({ name, unit, ...own, baseline: base, below: below ?? null, met });
  return met !== false;
}

/** A single figure with no runs to take (a file's size): printed and collected like the others. */
export function reportSize({ name, value, unit = 'KB', below }) {
  const met = below === undefined ? null : value < below;
  console.log(
    `${name}: ${fmt(value, unit)}${below === undefined ? '' : ` — target < ${fmt(below, unit)}: ${met ? 'met' : 'MISSED'}`}`,
  );
  record({ name, unit, runs: 1, median: value, p90: value, baseline: null, below: below ?? null, met });
  return met !== false;
}

function record(figure) {
  const file = process.env.ROLLCALL_BENCH_RESULTS;
  if (file)
    appendFileSync(file, `${JSON.stringify({ bench: process.env.ROLLCALL_BENCH_FILE, ...figure })}\n`);
}

/** GET /health of a running worker, the worker's baseline: the cost of a request that does nothing. */
export function healthCheck(base) {
  return async () => {
    const response = await fetch(`${base}/health`);
    await response.arrayBuffer();
  };
}
